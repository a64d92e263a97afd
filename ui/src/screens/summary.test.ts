// The end of a mock interview shows what Rust decided: each answer, the weakest part, what next.
import { context } from "../test/fixtures";
import { renderSummary } from "./summary";

test("every answer, the weakest part and the next thing to practise are shown", () => {
  const root = document.createElement("main");
  const ctx = context();
  renderSummary(root, ctx, {
    screen: "summary",
    summary: {
      answers: [
        { question: "Tell me about a deadline.", speaking_seconds: 71.5, fillers: 4, total: 64 },
        { question: "Tell me about a conflict.", speaking_seconds: 0, fillers: 0, total: null },
      ],
      mean_score: 64,
      weakest_part: "result",
      weakest_reason: "Result: missing in 2 of 2 answers",
      next: "End every answer with a Result that has a number.",
    },
  });
  const rows = root.querySelectorAll("#summary-table tbody tr");
  expect(rows).toHaveLength(2);
  expect(rows[0].textContent).toContain("1:11");
  expect(rows[1].textContent).toContain("no speech");
  expect(rows[0].querySelectorAll("td")[4].textContent).toBe("4");
  expect(root.querySelector("#mean-score")?.textContent).toBe("Mean score 64 of 100 over 2 answers.");
  expect(root.querySelector("#weakest")?.textContent).toBe("Result: missing in 2 of 2 answers");
  expect(root.querySelector("#practise-next")?.textContent).toContain("has a number");
  (root.querySelector("button.primary") as HTMLButtonElement).click();
  expect(ctx.routes).toEqual([{ screen: "home" }]);
});
