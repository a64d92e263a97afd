// Generated from coach::star::Part::title and coach::Rubric::title by
// src-tauri/src/bindings.rs. Do not edit.
export const PART_NAMES = {
  situation: "Situation",
  task: "Task",
  action: "Action",
  result: "Result",
  other: "Other",
} as const;

export const RUBRIC_TITLES = {
  story: "Your story",
  approach: "Your approach",
  plan: "Your plan",
  vision: "Your view",
} as const;
