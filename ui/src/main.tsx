/**
 * The UI's entry: query cache, live connection, toasts and the router.
 *
 * @module
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ApiError } from "./api/api-error.js";
import { ToastProvider } from "./components/toasts.js";
import { LiveProvider } from "./live/live-provider.js";
import { router } from "./routes.js";
import { installStateColors } from "./theme/state-colors.js";
import { applyStoredTheme } from "./theme/use-theme.js";
import "./theme/theme.css";

installStateColors(document.documentElement);
applyStoredTheme();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: true,
      // A 4xx will not get better by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById("root");
if (root === null) throw new Error("no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <LiveProvider>
          <RouterProvider router={router} />
        </LiveProvider>
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
