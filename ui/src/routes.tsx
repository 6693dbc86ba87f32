/**
 * The app's addresses. Every page is its own chunk, loaded when first opened.
 * Filters, tabs and time ranges live in the query string.
 *
 * @module
 */
import { lazy, Suspense, type ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { AppShell } from "./layout/app-shell.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { RouteError } from "./layout/route-error.js";

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  const Page = lazy(async () => ({ default: pick(await load()) }));
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <Page />
    </Suspense>
  );
}

/** The router of the app. */
export const router = createBrowserRouter([
  {
    path: "/",
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        element: page(
          () => import("./pages/dashboard/dashboard-page.js"),
          (m) => m.DashboardPage,
        ),
      },
      {
        path: "runs",
        element: page(
          () => import("./pages/runs/runs-page.js"),
          (m) => m.RunsPage,
        ),
      },
      {
        path: "runs/:id",
        element: page(
          () => import("./pages/flow-run/flow-run-page.js"),
          (m) => m.FlowRunPage,
        ),
      },
      {
        path: "task-runs/:id",
        element: page(
          () => import("./pages/task-run/task-run-page.js"),
          (m) => m.TaskRunPage,
        ),
      },
      {
        path: "flows",
        element: page(
          () => import("./pages/flows/flows-page.js"),
          (m) => m.FlowsPage,
        ),
      },
      {
        path: "flows/:name",
        element: page(
          () => import("./pages/flows/flow-page.js"),
          (m) => m.FlowPage,
        ),
      },
      {
        path: "deployments",
        element: page(
          () => import("./pages/deployments/deployments-page.js"),
          (m) => m.DeploymentsPage,
        ),
      },
      {
        path: "deployments/:id",
        element: page(
          () => import("./pages/deployments/deployment-page.js"),
          (m) => m.DeploymentPage,
        ),
      },
      {
        path: "work-pools",
        element: page(
          () => import("./pages/work-pools/work-pools-page.js"),
          (m) => m.WorkPoolsPage,
        ),
      },
      {
        path: "work-pools/:name",
        element: page(
          () => import("./pages/work-pools/work-pool-page.js"),
          (m) => m.WorkPoolPage,
        ),
      },
      {
        path: "variables",
        element: page(
          () => import("./pages/variables/variables-page.js"),
          (m) => m.VariablesPage,
        ),
      },
      {
        path: "events",
        element: page(
          () => import("./pages/events/events-page.js"),
          (m) => m.EventsPage,
        ),
      },
      {
        path: "artifacts",
        element: page(
          () => import("./pages/artifacts/artifacts-page.js"),
          (m) => m.ArtifactsPage,
        ),
      },
      {
        path: "artifacts/:key",
        element: page(
          () => import("./pages/artifacts/artifact-page.js"),
          (m) => m.ArtifactPage,
        ),
      },
      {
        path: "concurrency",
        element: page(
          () => import("./pages/concurrency/concurrency-page.js"),
          (m) => m.ConcurrencyPage,
        ),
      },
      {
        path: "settings",
        element: page(
          () => import("./pages/settings/settings-page.js"),
          (m) => m.SettingsPage,
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
