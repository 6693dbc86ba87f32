/**
 * Toasts: short notices in the corner; errors show the API's error code.
 *
 * @module
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "../api/api-error.js";

/** One notice. */
export interface Toast {
  readonly id: number;
  readonly kind: "info" | "error";
  readonly message: string;
  readonly code?: string | undefined;
}

/** What components use to raise notices. */
export interface Toaster {
  info(message: string): void;
  error(error: unknown, context?: string): void;
}

const ToastContext = createContext<Toaster | undefined>(undefined);

/** The toaster of the app. */
export function useToaster(): Toaster {
  const toaster = useContext(ToastContext);
  if (toaster === undefined) throw new Error("useToaster outside <ToastProvider>");
  return toaster;
}

let nextId = 1;

/** Holds the notices and renders them. */
export function ToastProvider({ children }: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const push = useCallback((toast: Omit<Toast, "id">) => {
    const id = nextId++;
    setToasts((list) => [...list.slice(-4), { ...toast, id }]);
    setTimeout(
      () => setToasts((list) => list.filter((t) => t.id !== id)),
      toast.kind === "error" ? 8000 : 4000,
    );
  }, []);
  const toaster = useMemo<Toaster>(
    () => ({
      info: (message) => push({ kind: "info", message }),
      error: (error, context) =>
        push({
          kind: "error",
          code: error instanceof ApiError ? error.code : undefined,
          message: `${context === undefined ? "" : `${context}: `}${error instanceof Error ? error.message : String(error)}`,
        }),
    }),
    [push],
  );
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`} role={t.kind === "error" ? "alert" : "status"}>
            {t.code !== undefined && <div className="code">{t.code}</div>}
            <div>{t.message}</div>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
