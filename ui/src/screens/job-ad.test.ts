// A mock interview for a job: the ad's role, competencies and the picked questions with why
// (from the role's packs), then the interview started with the ad's text, each question with
// its pack; an empty ad is refused with Rust's message.
import { vi } from "vitest";
import { context, question } from "../test/fixtures";

const api = vi.hoisted(() => ({ jobAdPlan: vi.fn(), startMock: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), ...api }));

import { renderJobAd } from "./job-ad";

const packs = [
  { id: "backend-developer", name: "Backend Developer", description: "", origin: "built-in", questions: [] },
  { id: "general-behavioural", name: "General Behavioural", description: "", origin: "built-in", questions: [] },
];
const general = { ...question, id: "gb-1", text: "Tell me about yourself.", category: "vision" as const };
const settle = () => new Promise((r) => setTimeout(r, 0));

test("the ad's needs and the questions that fit are shown, then the interview starts", async () => {
  api.jobAdPlan.mockResolvedValue({
    ad: {
      competencies: [{ competency: "ownership", mentions: 3, evidence: ["own", "end-to-end"] }],
      technologies: ["java", "kafka"],
    },
    role: { pack_ids: ["backend-developer", "general-behavioural"], evidence: ["backend"] },
    pack_id: null,
    questions: [
      {
        pack_id: "backend-developer",
        question,
        competencies: ["ownership"],
        technologies: [],
        why: "The ad asks for ownership (“own”).",
        score: 2.1,
      },
      {
        pack_id: "general-behavioural",
        question: general,
        competencies: [],
        technologies: [],
        why: "It shares words with the ad.",
        score: 0.2,
      },
    ],
  });
  api.startMock.mockResolvedValue({
    session_id: 9,
    questions: [question, general],
    pack_ids: ["backend-developer", "general-behavioural"],
  });
  const root = document.createElement("main");
  const ctx = context({ packs });
  renderJobAd(root, ctx, { screen: "job-ad" });
  (root.querySelector("#job-ad-text") as HTMLTextAreaElement).value = "You will own payments end-to-end.";
  (root.querySelector("#job-ad-find") as HTMLButtonElement).click();
  await settle();
  // No pack chosen: the ad's role picks it.
  expect(api.jobAdPlan).toHaveBeenCalledWith("You will own payments end-to-end.", null, 8);
  expect(root.querySelector("#job-ad-role")?.textContent).toBe(
    "The ad says “backend”: questions from Backend Developer and General Behavioural.",
  );
  expect(root.querySelectorAll("#job-ad-questions li")[1].textContent).toBe(
    "Tell me about yourself.It shares words with the ad. (General Behavioural)",
  );
  expect(root.querySelector("#job-ad-competencies")?.textContent).toBe(
    "ownership — the ad says “own”, “end-to-end” (3×)",
  );
  expect(root.querySelector("#job-ad-technologies")?.textContent).toBe("Technologies: java, kafka");
  expect(root.querySelector("#job-ad-questions .why")?.textContent).toBe("The ad asks for ownership (“own”).");
  (root.querySelector("#job-ad-start") as HTMLButtonElement).click();
  await settle();
  expect(api.startMock).toHaveBeenCalledWith(null, 8, false, "You will own payments end-to-end.");
  // Each question is practised from its own pack.
  expect(ctx.routes.at(-1)).toEqual({
    screen: "practice",
    packId: "backend-developer",
    question,
    mock: { questions: [question, general], index: 0, packIds: ["backend-developer", "general-behavioural"] },
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
