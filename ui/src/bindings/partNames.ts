// Generated from coach::star::Part::title by src-tauri/src/bindings.rs. Do not edit.
export const PART_NAMES = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
  other: "Other",
} as const;
