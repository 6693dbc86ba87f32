/**
 * Whether the server offers an API operation, read once per tab from its OpenAPI
 * document, so the UI shows an action only when the server can do it (no dead buttons).
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.js";

interface OpenApiDocument {
  readonly paths?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** True when the OpenAPI document lists `method` on `path` (`/api/flow_runs/{id}`). */
export function offersOperation(doc: OpenApiDocument | undefined, method: string, path: string): boolean {
  return doc?.paths?.[path]?.[method.toLowerCase()] !== undefined;
}

/** True once the server's OpenAPI document is known to list `method` on `path`. */
export function useApiOffers(method: string, path: string): boolean {
  const query = useQuery({
    queryKey: ["openapi"],
    queryFn: ({ signal }) => api<OpenApiDocument>("/openapi.json", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return offersOperation(query.data, method, path);
}
