// A mock interview for a job: the ad's competencies and the picked questions with why, then
// the interview started with the ad's text; an empty ad is refused with Rust's message.
import { vi } from "vitest";
import { context, question } from "../test/fixtures";

const api = vi.hoisted(() => ({ jobAdPlan: vi.fn(), startMock: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderJobAd } from "./job-ad";

const packs = [
  { id: "backend-developer", name: "Backend Developer", description: "", origin: "built-in", questions: [] },
];
const settle = () => new Promise((r) => setTimeout(r, 0));

test("the ad's needs and the questions that fit are shown, then the interview starts", async () => {
  api.jobAdPlan.mockResolvedValue({
    ad: {
      competencies: [{ competency: "ownership", mentions: 3, evidence: ["own", "end-to-end"] }],
      technologies: ["java", "kafka"],
    },
    role: { pack_ids: ["backend-developer", "general-behavioural"], evidence: ["backend"] },
    pack_id: "backend-developer",
    pack_name: "Backend Developer",
    questions: [
      {
        pack_id: "backend-developer",
        question,
        competencies: ["ownership"],
        technologies: [],
        why: "The ad asks for ownership (“own”).",
        score: 2.1,
      },
    ],
  });
  api.startMock.mockResolvedValue({ session_id: 9, questions: [question] });
  const root = document.createElement("main");
  const ctx = context({ packs });
  renderJobAd(root, ctx, { screen: "job-ad" });
  (root.querySelector("#job-ad-text") as HTMLTextAreaElement).value = "You will own payments end-to-end.";
  (root.querySelector("#job-ad-find") as HTMLButtonElement).click();
  await settle();
  // No pack chosen: the ad's role picks it.
  expect(api.jobAdPlan).toHaveBeenCalledWith("You will own payments end-to-end.", null, 8);
  expect(root.querySelector("#job-ad-role")?.textContent).toBe(
    "The ad is for a role the Backend Developer pack is made for: it says “backend”.",
  );
  expect(root.querySelector("#job-ad-competencies")?.textContent).toBe(
    "ownership — the ad says “own”, “end-to-end” (3×)",
  );
  expect(root.querySelector("#job-ad-technologies")?.textContent).toBe("Technologies: java, kafka");
  expect(root.querySelector("#job-ad-questions .why")?.textContent).toBe("The ad asks for ownership (“own”).");
  (root.querySelector("#job-ad-start") as HTMLButtonElement).click();
  await settle();
  expect(api.startMock).toHaveBeenCalledWith("backend-developer", 8, false, "You will own payments end-to-end.");
  expect(ctx.routes.at(-1)).toEqual({
    screen: "practice",
    packId: "backend-developer",
    question,
    mock: { questions: [question], index: 0 },
  });
});

test("a refused ad says why", async () => {
  api.jobAdPlan.mockRejectedValue({ kind: "invalid_setting", message: "paste the text of a job advertisement first" });
  const root = document.createElement("main");
  renderJobAd(root, context({ packs }), { screen: "job-ad" });
  (root.querySelector("#job-ad-find") as HTMLButtonElement).click();
  await settle();
  expect(root.querySelector("#job-ad-result")?.textContent).toContain("paste the text of a job advertisement first");
});
