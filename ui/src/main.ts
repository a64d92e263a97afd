// Starts the app: asks Rust for the set-up status and the packs, then shows Home.

import { appStatus, asCommandError, getSettings, listPacks, watchLaunches } from "./api";
import { showLaunchNotice } from "./notice";
import { applyTheme, focusHeading, type Cleanup, type Context, type Route } from "./app";
import { alertBox, h } from "./dom";
import { renderCompare } from "./screens/compare";
import { renderHistory } from "./screens/history";
import { renderHome } from "./screens/home";
import { renderJobAd } from "./screens/job-ad";
import { renderPackEditor } from "./screens/pack-editor";
import { renderPacks } from "./screens/packs";
import { renderPractice } from "./screens/practice";
import { renderProgress } from "./screens/progress";
import { renderResults } from "./screens/results";
import { renderSettings } from "./screens/settings";
import { renderStories } from "./screens/stories";
import { renderSummary } from "./screens/summary";

const root = document.getElementById("app") as HTMLElement;
let cleanup: Cleanup;
let generation = 0;

async function show(ctx: Context, route: Route): Promise<void> {
  const mine = ++generation;
  if (typeof cleanup === "function") cleanup();
  cleanup = undefined;
  for (const link of document.querySelectorAll<HTMLElement>("nav [data-screen]")) {
    const current = link.dataset.screen === route.screen;
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  root.replaceChildren();
  try {
    let result: Cleanup | Promise<Cleanup>;
    switch (route.screen) {
      case "home":
        result = renderHome(root, ctx, route);
        break;
      case "practice":
        result = renderPractice(root, ctx, route);
        break;
      case "results":
        result = renderResults(root, ctx, route);
        break;
      case "summary":
        result = renderSummary(root, ctx, route);
        break;
      case "compare":
        result = renderCompare(root, ctx, route);
        break;
      case "history":
        result = renderHistory(root, ctx, route);
        break;
      case "progress":
        result = renderProgress(root, ctx, route);
        break;
      case "job-ad":
        result = renderJobAd(root, ctx, route);
        break;
      case "stories":
        result = renderStories(root, ctx, route);
        break;
      case "packs":
        result = renderPacks(root, ctx, route);
        break;
      case "pack-editor":
        result = renderPackEditor(root, ctx, route);
        break;
      case "settings":
        result = renderSettings(root, ctx, route);
        break;
    }
    const done = await result;
    if (mine === generation) cleanup = done;
    else if (typeof done === "function") done();
  } catch (e) {
    root.append(alertBox(asCommandError(e).message));
  }
  if (mine === generation) focusHeading(root);
}

async function start(): Promise<void> {
  try {
    const [status, packs, settings] = await Promise.all([appStatus(), listPacks(), getSettings()]);
    applyTheme(settings.theme);
    const ctx: Context = {
      status,
      packs,
      reloadPacks: async () => {
        ctx.packs = await listPacks();
      },
      go: (route) => void show(ctx, route),
      applyTheme,
    };
    const nav = document.getElementById("nav") as HTMLElement;
    nav.replaceChildren(
      ...(["home", "history", "progress", "stories", "packs", "settings"] as const).map((screen) =>
        h(
          "button",
          { type: "button", class: "nav-link", "data-screen": screen, onclick: () => ctx.go({ screen } as Route) },
          screen[0].toUpperCase() + screen.slice(1),
        ),
      ),
    );
    void watchLaunches((n) => showLaunchNotice(document.getElementById("launch-notice") as HTMLElement, n));
    await show(ctx, { screen: "home" });
  } catch (e) {
    root.replaceChildren(h("h1", {}, "STAR Coach could not start"), alertBox(asCommandError(e).message));
  }
}

void start();
