// Generated from coach::star::Part::title, coach::Rubric::title and
// coach::follow_ups::gaps_for by src-tauri/src/bindings.rs. Do not edit.
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

export const FOLLOW_UP_GAPS = {
  behavioural: [["hypothetical", "a real example"], ["missing_action", "the Action"], ["ownership", "your own part"], ["missing_result", "the Result"], ["unquantified_result", "a number in the Result"], ["missing_task", "the Task"], ["missing_situation", "the Situation"]],
  technical: [["missing_position", "Position"], ["missing_example", "Example"], ["example_without_outcome", "the example's outcome"], ["missing_tradeoffs", "Trade-offs"], ["missing_practice", "How you work"], ["no_specifics", "a number"]],
  situational: [["missing_first_steps", "First steps"], ["missing_people", "Who you involve"], ["missing_risks", "Risks"], ["missing_measure", "How you'd know"], ["no_specifics", "a number"]],
  competency: [["missing_position", "Position"], ["missing_example", "Example"], ["example_without_outcome", "the example's outcome"], ["missing_tradeoffs", "Trade-offs"], ["missing_practice", "How you work"], ["no_specifics", "a number"]],
  vision: [["missing_view", "Your view"], ["missing_reasons", "Reasons"], ["missing_preparation", "What you're doing"], ["no_specifics", "a number"]],
} as const;
