// Generated from openapi.yaml by clients/typescript/scripts/generate.ts (npm run client:generate).
// Do not edit: a test fails when this file is stale.
/* eslint-disable */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers 200 while the process serves requests; checks no dependency.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description 200 when PostgreSQL and Redis (when configured) answer, every migration has run, and the process is not shutting down; 503 naming what is not.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (operators only)
         * @description This process's metrics in the Prometheus text format: request durations by route template, agent
         *     executions, tokens and cost by model, rate-limit decisions, tenant transactions in flight, and the
         *     process's own (CPU, memory, event loop). No label carries a tenant id or a resource id, but the counts
         *     are every tenant's together, so this is for operators only. Where it is served:
         *     `METRICS_PORT` set: on that port only (with `METRICS_TOKEN` required there too when set), never on
         *     the API port (404 here). `METRICS_PORT` unset and `METRICS_TOKEN` set: here, to
         *     `Authorization: Bearer <METRICS_TOKEN>` only (compared in constant time). Neither set: not served at
         *     all (404). A tenant's API key never opens it.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's own audit events, newest first
         * @description The audit events in the calling tenant's own chain, newest first, paged with limit and offset: what operators did to the tenant and its keys (tenant.*, key.*) and the authentication failures recorded against it (auth.*). Read-only; events are never changed or deleted.
         */
        get: operations["listOwnAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants, newest first
         * @description Every tenant, newest first, paged with limit and offset, with its status and quotas. Needs ADMIN_TOKEN; /admin/v1 answers 404 when none is configured.
         */
        get: operations["adminListTenants"];
        put?: never;
        /**
         * Create a tenant and its first API key (shown once)
         * @description Creates an active tenant with default quotas and one API key named `default`. The key is returned in `key` this once: only its hash is stored. Audited as tenant.create.
         */
        post: operations["adminCreateTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /**
         * Get a tenant
         * @description One tenant by id, with its status and quotas (TENANT_NOT_FOUND when there is none).
         */
        get: operations["adminGetTenant"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant and everything it owns (its audit events stay)
         * @description Deletes the tenant with its keys, tools, agents and executions. Its audit events stay, so the log keeps its history. Audited as tenant.delete.
         */
        delete: operations["adminDeleteTenant"];
        options?: never;
        head?: never;
        /**
         * Rename, suspend or resume a tenant, or set its quotas and budgets (null clears one)
         * @description Changes only the fields sent; null clears a tenant's own quota or budget. Suspending a tenant makes its keys answer 403 TENANT_SUSPENDED from their next request in every process. Audited as tenant.update, tenant.suspend or tenant.resume, with the changes as details.
         */
        patch: operations["adminUpdateTenant"];
        trace?: never;
    };
    "/admin/v1/tenants/{tenantId}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /**
         * List a tenant's API keys (never the keys themselves)
         * @description The tenant's API keys, newest first: name, display prefix, creation, last use (to the minute), expiry and revocation. Only a key's hash is stored, so the keys themselves cannot be listed.
         */
        get: operations["adminListKeys"];
        put?: never;
        /**
         * Create a named API key, optionally expiring (shown once)
         * @description Adds a key next to the tenant's others, optionally expiring at expires_at. The key is returned in `key` this once. Audited as key.create.
         */
        post: operations["adminCreateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenantId}/keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
                /** @example 2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091 */
                keyId: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a key now
         * @description Ends the key now: every process refuses it from its next request. API_KEY_NOT_FOUND when the tenant has no such key or it is already revoked. Audited as key.revoke.
         */
        post: operations["adminRevokeKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenantId}/keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
                /** @example 2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091 */
                keyId: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a key; the old one keeps working for grace_seconds, then stops
         * @description Issues a new key with the old one's name and expiry, and ends the old one after grace_seconds (0: at once) so clients can switch without downtime. Returns the new key this once and the old key with its new expiry. Audited as key.rotate.
         */
        post: operations["adminRotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every audit event, newest first, optionally of one tenant
         * @description The whole audit log, newest first, paged with limit and offset; with tenant_id, only that tenant's chain. Includes the tenant-less chain (authentication failures with an unknown key, operators' sign-in failures).
         */
        get: operations["adminListAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recompute every chain of the audit log and name the first break of each
         * @description Recomputes the hash chain of every tenant (and the tenant-less one) from the stored events and reports, per chain, the first event whose hash does not match, whose link to the previous one is broken, or after which a sequence number is missing. `breaks` is empty when the log is intact.
         */
        get: operations["adminVerifyAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the models this tenant may use
         * @description Out of the box the models run on the `mock` provider (deterministic, offline, priced 0). When a real
         *     provider is configured (OPENAI_API_KEY / OPENAI_BASE_URL, ANTHROPIC_API_KEY), the models it serves
         *     run there, at the listed prices.
         */
        get: operations["listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tools, newest first
         * @description The tenant's tools, newest first, paged with limit and offset; with agent_name, only those linked to that agent.
         */
        get: operations["listTools"];
        put?: never;
        /**
         * Create a tool
         * @description A tool has a `kind` (default `client`), an `input_schema` (default `{"type": "object"}`, or the
         *     builtin's own schema) and the fields of its kind: `builtin` for a builtin tool; `code` and
         *     `timeout_ms` for a javascript tool, whose code is compiled (its top level evaluated in the sandbox)
         *     before the tool is stored. A field of another kind is refused (INVALID_TOOL_CONFIG).
         */
        post: operations["createTool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        /**
         * Get a tool
         * @description One tool of the tenant by id, with its ETag; with If-None-Match naming the current ETag, 304 and no body.
         */
        get: operations["getTool"];
        /**
         * Replace a tool
         * @description Everything is replaced: an absent `input_schema` becomes the default again, absent fields of the
         *     kind take their defaults. The kind cannot change, and an absent `kind` means `client`, so replacing a
         *     builtin or javascript tool must name its kind (TOOL_KIND_IMMUTABLE otherwise).
         */
        put: operations["replaceTool"];
        post?: never;
        /**
         * Delete a tool no agent uses
         * @description Deletes a tool no agent is linked to (TOOL_IN_USE, naming the agents, otherwise). With If-Match, only while the tool is still at that version (PRECONDITION_FAILED otherwise).
         */
        delete: operations["deleteTool"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a tool
         * @description Only the fields present change. When `input_schema` or a field of the kind is present, the tool's
         *     definition with the change applied is checked again (a javascript tool's code is compiled again); an
         *     `input_schema` the tool got by default follows its kind's fields. `kind`, if present, must be the
         *     tool's own (TOOL_KIND_IMMUTABLE).
         */
        patch: operations["updateTool"];
        trace?: never;
    };
    "/api/v1/tools/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a server-side tool once on an input
         * @description Checks `input` against the tool's `input_schema` (422 INVALID_TOOL_INPUT, a JSON pointer per problem),
         *     runs the tool once and answers `{output, latency_ms}`, or `{error: {code, message}, latency_ms}` when
         *     the tool failed (a javascript tool that threw, ran out of time or memory...): a failing tool is still a
         *     200, since the test worked. Nothing is stored. A client tool is run by the caller, never by the
         *     platform (409 TOOL_NOT_EXECUTABLE). A javascript tool runs in the sandbox under its `timeout_ms`;
         *     each test also counts against the tenant's run quota. If the client disconnects, the call is stopped.
         */
        post: operations["testTool"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List agents, newest first
         * @description The tenant's agents with their tools, newest first, paged with limit and offset; with tool_name, only those linked to that tool.
         */
        get: operations["listAgents"];
        put?: never;
        /**
         * Create an agent, optionally linked to tools
         * @description Creates an agent with a name, a model from GET /api/v1/models, a system prompt and optionally tool_ids of the tenant's tools (UNKNOWN_TOOL naming any that is not). With Idempotency-Key, a retry gets the first answer back.
         */
        post: operations["createAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * Get an agent with its tools
         * @description One agent of the tenant by id, with its linked tools and its ETag; with If-None-Match naming the current ETag, 304 and no body.
         */
        get: operations["getAgent"];
        /**
         * Replace an agent
         * @description name, role and description are replaced; tool_ids, when present, replaces the linked tools.
         */
        put: operations["replaceAgent"];
        post?: never;
        /**
         * Delete an agent with its tool links and execution history
         * @description Deletes the agent, its tool links and its execution history (the tools stay). With If-Match, only while the agent is still at that version (PRECONDITION_FAILED otherwise).
         */
        delete: operations["deleteAgent"];
        options?: never;
        head?: never;
        /**
         * Change some fields of an agent
         * @description Only the fields present change; tool_ids, when present, replaces the linked tools.
         */
        patch: operations["updateAgent"];
        trace?: never;
    };
    "/api/v1/agents/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run an agent with a prompt on a model
         * @description Builds a system prompt from the agent (name, role, description, tools) and runs a loop of steps,
         *     each recorded (`GET /api/v1/executions/{id}/steps`): the model is called with the agent's own tools
         *     (name, description, `input_schema`); when it asks for tool calls, each call's arguments are checked
         *     against the tool's schema (a call of a tool the agent does not have is an UNKNOWN_TOOL error, and
         *     arguments that are not JSON or not valid an INVALID_ARGUMENTS error, with the JSON pointers: the model
         *     sees these errors as the calls' results, the run goes on), the server-side calls of the step run in
         *     parallel, and the model is called again with the results. The run ends:
         *
         *     - `completed`: the model answered without tool calls;
         *     - `incomplete` (`incomplete_reason: max_steps`, answered 200): `max_steps` model steps were taken and
         *       the model still asks for tools;
         *     - `requires_action` (answered 200): the model called a client tool; the server-side calls of that step
         *       ran first, `required_action.tool_calls` lists the calls to run, and `POST
         *       /api/v1/executions/{id}/tool-outputs` continues the run (it expires after
         *       `TOOL_OUTPUT_TIMEOUT_SECONDS`);
         *     - `failed`: the provider failed (502, 504), or a later model step would cross a monthly budget (429
         *       BUDGET_EXCEEDED with `details.execution_id`); the steps done are kept;
         *     - `cancelled`: the client disconnected; the current model or tool call is stopped.
         *
         *     Each model step reserves its worst case (everything sent, tool definitions and the conversation so
         *     far included, plus its maximum output) against the budgets and is settled to what it was billed; the
         *     execution carries the sums of its steps.
         *
         *     With `stream: true` (or, without a `stream` field, `Accept: text/event-stream`) the answer is a
         *     server-sent event stream:
         *     `execution.created`, then per step `step.created`, `response.delta` as the model produces text,
         *     `tool_call.created` and `tool_call.completed` for each call, and last one of
         *     `execution.requires_action`, `execution.completed`, `execution.failed` or `execution.incomplete`
         *     carrying the same Execution object the JSON answer would. `x-sse-events` on the media type gives the
         *     schema of each event's data. If the client disconnects before the end, the run stops and is recorded
         *     with status `cancelled` and the steps and text produced so far.
         *
         *     With `background: true` the run is recorded `queued` and answered at once, 202 with a `Location`
         *     (`/api/v1/executions/{id}`); a worker of the job queue runs it (`WORKER_CONCURRENCY` per API process,
         *     or `npm run worker`). Follow it at `GET /api/v1/executions/{id}/events` (from any `after` seq, or
         *     live as server-sent events), stop it with `POST /api/v1/executions/{id}/cancel`. A worker that dies
         *     mid-run is replaced once its lease (`RUN_LEASE_SECONDS`) expires: the run resumes from its last
         *     recorded step (a model step that was not recorded runs again, a tool call that completed does not);
         *     after `RUN_MAX_ATTEMPTS` (3) lost attempts it ends `failed` with WORKER_LOST. Its first model step is
         *     still reserved against the budgets here (429 BUDGET_EXCEEDED leaves nothing behind).
         *
         *     With an `Idempotency-Key`, a retry with the same body returns the stored answer (as JSON, with
         *     `Idempotent-Replayed: true`) and does not run the model again.
         *
         *     **The mock provider calls tools deterministically**, so tool paths can be tested offline. The
         *     prompt is split on the word `then` (with a space on each side) into groups; in each group, every
         *     phrase `use <tool-name> with <JSON object>` naming one of the agent's tools is one call, in order
         *     (the object is the balanced `{...}` after `with`, braces inside JSON strings not counted; one that
         *     never closes runs to the next such `then` or the end; a `then` inside it does not split). Its
         *     arguments are the text as written, valid or not. Groups without such a phrase are dropped. Model
         *     step k+1 answers with the calls of group k+1 (ids `call_<k+1>_<i>`, i from 1) and no text; once
         *     every group has been answered, the mock answers in its usual format followed by a space and
         *     `Tool results: <name> -> <result JSON>; ...` (each tool result, in order). A prompt without such
         *     a phrase gets exactly the usual answer.
         */
        post: operations["runAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List executions, newest first
         * @description The tenant's executions ordered by `created_at` then `id`, both descending. Filters combine with AND.
         *
         *     Two ways to page:
         *
         *     - `limit` and `offset`, as in every list;
         *     - `cursor`: pass the `next_cursor` of the previous page (with `offset` absent or 0) to get the
         *       executions right after its last item. A cursor page costs the same at any depth, and executions
         *       recorded meanwhile neither appear in later pages nor shift them: no execution is skipped or repeated.
         *       A cursor is valid only with exactly the filter values (`agent_id`, `model`, `status`,
         *       `created_after`, `created_before`) of the request that returned it; `limit` may change.
         *
         *     `total` always counts every execution matching the filters, whatever the cursor; with a cursor,
         *     `offset` is 0.
         */
        get: operations["listHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/history/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        /**
         * Get one execution
         * @description The same execution as `GET /api/v1/executions/{id}`. Only the run's loop changes an execution; this
         *     path has no PUT, PATCH or DELETE (405 METHOD_NOT_ALLOWED).
         */
        get: operations["getExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        /**
         * List one agent's executions, newest first
         * @description The same list, paging and cursor rules as `GET /api/v1/history`, for one agent (so without `agent_id`).
         */
        get: operations["listAgentHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Runs, tokens and cost over a time range
         * @description Sums the executions created in [`from`, `to`): `from` inclusive, `to` exclusive. `to` defaults to now
         *     and `from` to 30 days (720 hours) before `to`. Every status counts. With `group_by`, `groups` splits
         *     the totals by model, by agent or by UTC day, ordered by `key`; only groups with executions appear.
         *
         *     One report sums at most 366 days: a longer range (from `from`, or the default, to `to`) is 400
         *     USAGE_RANGE_TOO_LARGE, with `details.max_days` and `details.requested_days`; ask for a longer period
         *     in parts. A report that takes longer than the server's time limit for heavy reads is 503
         *     SERVICE_UNAVAILABLE with `details.reason` `statement_timeout`.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's quotas, what remains of them, and its budgets and use
         * @description Quotas are sliding windows: `remaining` counts this request, `reset_seconds` is when the oldest counted
         *     request leaves the window. Budgets are per calendar month (UTC); `used` is what every execution of the
         *     month was billed, whether or not a budget was set (a budget set mid-month starts from it), and
         *     `reserved` is held by runs in flight (their worst case, settled to what they are billed when they
         *     end). `used` may exceed `limit` only by what providers counted above the reserved worst cases of the
         *     runs in flight; then every run is refused. `shared` is false when limits are counted in one process
         *     only (no Redis).
         */
        get: operations["getLimits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        /**
         * Get an execution
         * @description The canonical execution resource: the history entry with its `status`, `required_action` (while it
         *     waits for tool outputs), `steps_count`, `max_steps`, `incomplete_reason`, and its usage summed over its
         *     model steps. A run that waited for tool outputs past its `expires_at` is recorded as `expired` when it
         *     is read.
         */
        get: operations["retrieveExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        /**
         * List an execution's steps, in order
         * @description Every model call and every tool call of the run, in `index` order (from 0), paginated with `limit`
         *     and `offset` like every list. A run has at most `max_steps` model steps (32) and their tool calls, so a
         *     few pages hold any run. Model steps carry the model's `text`, its `tool_calls`, `usage` and `cost_usd`;
         *     tool steps the tool (`tool_id`, null when the model named a tool the agent does not have or the tool
         *     was deleted since), `tool_name`, `tool_call_id`, `arguments` as the model produced them, and `output`
         *     (completed) or `error` (failed or cancelled). A client tool call is `waiting` until its output arrives.
         */
        get: operations["listExecutionSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        /**
         * Read or follow an execution's event log
         * @description Every event of the run, as its stream showed it (`execution.created`, `step.created`,
         *     `response.delta`, `tool_call.created`, `tool_call.completed`, then `execution.requires_action`,
         *     `execution.completed`, `execution.failed`, `execution.incomplete` or `execution.cancelled`), numbered
         *     by `seq` from 1 without gaps, in the order they were emitted; a run continued after
         *     `requires_action` goes on with the next numbers. Every run is logged, streamed or not (a run answered
         *     as JSON has no `response.delta` events: its text is in the final event). A finished run's log is
         *     complete: its final event is written with its final status. Logs of runs finished more than
         *     `EVENT_RETENTION_DAYS` (30) ago are deleted.
         *
         *     As JSON (the default): a page of the events after `after`, at most `limit`; ask for the next page
         *     with `after=next_after` while `has_more`.
         *
         *     With `Accept: text/event-stream`: each event as a server-sent event whose `id` is its `seq`,
         *     `event` its `type` and `data` its data. The stream sends every stored event after `Last-Event-ID`
         *     (a reconnection; the header wins over `after`) exactly once, in order, then the run's new events as
         *     they are written (a streamed run's text at least every `EVENT_FLUSH_MS`, 250 ms), and ends after
         *     the run's final event, or at once for a run that has finished (also `expired`, which has no event
         *     of its own). A run waiting for tool outputs has not finished: the stream stays open (a `:` comment
         *     every 15 s) until it continues and ends. Reconnect with the last `id` received as `Last-Event-ID` to
         *     resume without a gap or a repeat.
         */
        get: operations["listExecutionEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/tool-outputs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer the client tool calls a run waits for, and continue it
         * @description A run whose model called a client tool stops with status `requires_action` and
         *     `required_action.tool_calls` (each `id`, `tool_id`, `name`, `arguments`). Answer every one of those
         *     calls, once, by its `id`; the run then continues from its stored steps (the state lives in the
         *     database: a restart in between loses nothing), and the answer is the same as a run's: the execution
         *     as JSON, or with `stream: true` (or `Accept: text/event-stream`) the events of the continued run
         *     (`step.created`, `response.delta`, `tool_call.*`, then `execution.requires_action`,
         *     `execution.completed`, `execution.failed` or `execution.incomplete`; no `execution.created`).
         *
         *     A run that is not waiting (running, finished, answered already, or expired: nobody answered within
         *     `TOOL_OUTPUT_TIMEOUT_SECONDS`, 600 by default) is 409 INVALID_EXECUTION_STATE. Outputs that leave a
         *     waiting call unanswered, or name a call the run does not wait for (or the same call twice), are 422
         *     INVALID_TOOL_OUTPUTS with `details.missing_tool_call_ids` and `details.unknown_tool_call_ids`; nothing
         *     changes. Each continuation counts against the tenant's run quota, and its next model step is reserved
         *     against the budgets like any step: one that would cross a budget ends the run `failed` (429
         *     BUDGET_EXCEEDED with `details.execution_id`).
         *
         *     A background run (`background: true`) goes on in a worker: the answer is 202 with the execution
         *     (`running`) and a `Location`; follow it at `GET /api/v1/executions/{id}/events` (`stream` is ignored).
         */
        post: operations["submitToolOutputs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a run
         * @description Stops a run, whichever process runs it (a worker, or the API process serving the request that
         *     started it). A `queued` run (no worker has taken it) or one in `requires_action` is `cancelled` at
         *     once. A `running` run is marked (`cancel_requested_at`) and answered as it is; it becomes `cancelled`
         *     once its current model or tool call has stopped, keeping its steps and partial output (follow it at
         *     `GET /api/v1/executions/{id}/events`, which ends with `execution.cancelled`; a client waiting for
         *     its JSON answer gets the cancelled execution, 200, and a stream ends with `execution.cancelled`).
         *     The execution's `error` is RUN_CANCELLED. Cancelling a cancelled run answers it again
         *     (idempotent); a run that ended otherwise (completed, failed, incomplete, expired) is 409.
         */
        post: operations["cancelExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List secrets (names and dates, never values), newest first
         * @description Each secret's name, when it was created and last replaced, and when a tool last used it. No
         *     operation ever returns a value.
         */
        get: operations["listSecrets"];
        put?: never;
        /**
         * Store a secret
         * @description The value is encrypted at once and never returned by any operation.
         */
        post: operations["createSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/secrets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example WEATHER_API_TOKEN */
                name: components["schemas"]["SecretName"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a secret's value
         * @description Tools referring to the secret use the new value from their next call on.
         */
        put: operations["replaceSecret"];
        post?: never;
        /**
         * Delete a secret no tool refers to
         * @description Refused with 409 SECRETS_IN_USE, naming the tools, while any of the tenant's tools refers to it as
         *     `{{secrets.NAME}}`; change or delete those tools first.
         */
        delete: operations["deleteSecret"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the marketplace
         * @description The published listings of every tenant, and the caller's own drafts (`status: draft`), that match
         *     the words and filters, one page at a time.
         *
         *     - `q`: words as in a web search engine (`"a phrase"`, `-excluded`, `or`), matched in English
         *       against the name, the summary and the description. Words of 4 or more letters also find listings
         *       whose name only resembles them (a typo: `invoce` finds "Invoice triage"), when `q` has no quotes,
         *       `-` or `or`.
         *     - `sort`: `relevance` (the default with `q`; the best matches first, in four tiers: listings whose
         *       name alone matches `q`, then those whose name and summary together match it, then the other
         *       listings matching it, then those found only through names resembling its words), `installs`,
         *       `rating` (mean stars, unrated last) or `newest` (the default without `q`; a draft counts from its
         *       creation). Ties go by slug, descending, in every sort.
         *     - `cursor`: the `next_cursor` of the previous page. The next page starts right after that page's last
         *       listing, so listings published meanwhile neither repeat nor shift it (counts and ratings that
         *       change meanwhile can move a listing across pages). A cursor is valid only with the same `q`,
         *       `category`, `tag` and `sort` (else INVALID_CURSOR); `limit` may change.
         */
        get: operations["searchMarketplaceListings"];
        put?: never;
        /**
         * Create a listing (a draft until a version is published)
         * @description The caller becomes its publisher. The slug names the listing across every tenant: one taken, by
         *     anyone, answers 409 MARKETPLACE_SLUG_TAKEN. Other tenants see the listing once a version of it is
         *     published; until then it is a `draft` only its publisher sees.
         */
        post: operations["createMarketplaceListing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's own listings, drafts included, newest first
         * @description The publisher's view: every listing the caller created, drafts (`status: draft`) and published ones,
         *     with their counters. The public search of every tenant's published listings is
         *     `GET /api/v1/marketplace/listings`.
         */
        get: operations["listMyMarketplaceListings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        /**
         * Get a listing with its versions
         * @description A published listing (any tenant's) or one of the caller's drafts, with the versions the caller may
         *     see: the published ones (yanked ones too, marked), and for its publisher every version with its
         *     validation report. `my_rating` is the caller's own rating of it, when it has one. Another tenant's
         *     draft is 404, like an unknown slug.
         */
        get: operations["getMarketplaceListing"];
        put?: never;
        post?: never;
        /**
         * Delete the caller's listing while none of its versions is published
         * @description Its versions (validating or rejected) go with it. Once a version is published the listing stays:
         *     yank its versions instead (409 MARKETPLACE_LISTING_PUBLISHED).
         */
        delete: operations["deleteMarketplaceListing"];
        options?: never;
        head?: never;
        /**
         * Change some fields of the caller's listing (the slug never changes)
         * @description Only the fields present change. Another tenant's published listing answers 403
         *     MARKETPLACE_NOT_PUBLISHER; a listing the caller cannot see (another tenant's draft), 404.
         */
        patch: operations["updateMarketplaceListing"];
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a new version of the caller's listing (validated in the background)
         * @description Snapshots the caller's agent `agent_id` and its tools into an immutable package (tool kinds, input
         *     schemas, javascript code, http templates; secret references stay `{{secrets.NAME}}`, values are never
         *     stored in a tool) and answers 202 with the version `validating`. A background job then runs every
         *     check: input schemas, tool kinds, javascript compiles in the sandbox and passes the static scan, http
         *     URLs pass the egress policy, no secret-looking value, each example prompt runs against the mock model
         *     without error. The version ends `published` (the listing too, with its first one) or `rejected`, with
         *     the report (`GET .../versions/{version}`). A failing validation is retried; the last attempt rejects
         *     the version with a `validation_failed` entry rather than leave it validating.
         *
         *     The version must be greater (Semantic Versioning precedence) than every version the listing has,
         *     rejected ones included (409 MARKETPLACE_VERSION_NOT_GREATER). An agent with mcp tools is refused
         *     (422 MARKETPLACE_UNPACKAGEABLE_TOOLS): they name the publisher's own MCP server registration.
         */
        post: operations["createMarketplaceVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a version (with its validation report for its publisher)
         * @description Every tenant sees a published version (a yanked one too, marked); its publisher sees every version of
         *     its own, with the report once validated. Another tenant's validating or rejected version answers 404.
         */
        get: operations["getMarketplaceVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}/versions/{version}/yank": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Yank a published version of the caller's listing
         * @description A soft delete: installs already made keep working; new downloads and installs of the version are
         *     refused (410 MARKETPLACE_VERSION_YANKED); listings show it as yanked and never as their latest.
         *     Yanking a yanked version again changes nothing.
         */
        post: operations["yankMarketplaceVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}/versions/{version}/package": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a published version's package, signed by the platform
         * @description The body is the package's canonical JSON (RFC 8785). `ETag` is its SHA-256 (hex, quoted), the
         *     version's `package_sha256`. `X-Package-Signature: ed25519=<base64>` is the platform's detached
         *     Ed25519 signature over the exact bytes of the body; verify it with the key of
         *     `GET /api/v1/marketplace/signing-key`. Each download is counted (the listing's `download_count`).
         *     A yanked version answers 410; one that is not published, 404.
         */
        get: operations["getMarketplacePackage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/signing-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public key that signs packages
         * @description The platform's Ed25519 public key, raw (base64) and as PEM, with its id: verify a package's
         *     `X-Package-Signature` against it (`crypto.verify(null, body, createPublicKey(public_key_pem),
         *     signature)` in Node.js).
         */
        get: operations["getMarketplaceSigningKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}/install": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Install a listing as a new agent with its tools
         * @description Creates the package's tools and its agent (linked to them) in the caller's tenant, in one
         *     transaction, from `version` or the greatest published version that is not yanked. The agent
         *     shows where it came from as `source`. Each tool is checked as POST /api/v1/tools checks it. A name
         *     the tenant's agents or tools already have refuses the whole install (409, naming them; give
         *     `agent_name` for the agent). `missing_secrets` lists the secrets the tools refer to
         *     (`{{secrets.NAME}}`) that the tenant has not defined yet: define them before running the agent.
         */
        post: operations["installListing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upgrade an installed agent to a newer version of its listing
         * @description Compares three ways: the package as installed, the package of `version`, and the agent and its
         *     tools now. What the new version changes and the tenant left alone is applied; what the tenant
         *     edited and the new version changes too is a conflict, never overwritten: the upgrade is then
         *     refused (409 MARKETPLACE_UPGRADE_CONFLICT, nothing changed) unless `keep_local_edits` applies the
         *     rest and keeps the tenant's values. `dry_run` answers the plan and changes nothing. Compared:
         *     the agent's role and description; each tool's description, input_schema and kind fields, tools
         *     matched by the package's tool name (the agent's and the tools' names stay the tenant's). A tool
         *     the new version adds is created and linked; one it drops is unlinked and deleted (kept when
         *     another agent uses it). All in one transaction.
         */
        post: operations["upgradeAgent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/marketplace/listings/{slug}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate a listing
         * @description One rating per tenant per listing: the first is created (201), a later one replaces it (200). Only
         *     published listings of other tenants can be rated: your own is 403, an unknown one 404. Other
         *     tenants see the listing's rating count and mean, never who rated.
         */
        post: operations["rateMarketplaceListing"];
        /**
         * Withdraw your rating of a listing
         * @description Removes the caller's rating of the listing; its rating count and mean move at once. A listing the
         *     caller has not rated, or cannot see, is 404.
         */
        delete: operations["deleteMarketplaceRating"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mcp-servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List MCP servers with their tools, newest first
         * @description Each server as registered (header values as written, secret references unresolved) and its tools.
         */
        get: operations["listMcpServers"];
        put?: never;
        /**
         * Register an MCP server and materialise its tools
         * @description Connects to the server with the official MCP client (streamable HTTP) through the egress policy,
         *     lists its tools and stores one tool of kind `mcp` per listed tool, named `<name>_<tool>` (characters
         *     other than letters, digits, `_` and `-` become `_`; at most 64 characters). A listed tool whose input
         *     schema the platform does not accept (after dropping `pattern` and a `$schema` other than 2020-12) is
         *     not materialised and is named in `skipped_tools`. Nothing is stored when the server cannot be reached
         *     (502), the policy refuses it (422) or a name collides (409).
         */
        post: operations["createMcpServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mcp-servers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e */
                id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        /**
         * Get an MCP server with its tools
         * @description The server as registered and the catalog tools materialised from it.
         */
        get: operations["getMcpServer"];
        put?: never;
        post?: never;
        /**
         * Delete an MCP server and its tools
         * @description Refused with 409 MCP_SERVER_IN_USE, naming the agents and tools, while an agent uses one of its tools.
         */
        delete: operations["deleteMcpServer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mcp-servers/{id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e */
                id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List the server's tools again and sync them
         * @description New tools are materialised; known ones get the server's current description and input schema (a name
         *     the tenant changed through /api/v1/tools stays); tools the server no longer lists are deleted, unless
         *     an agent uses one: then nothing changes and 409 MCP_SERVER_IN_USE names the agents and tools.
         */
        post: operations["refreshMcpServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tools/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create http tools from an OpenAPI document
         * @description Creates one http tool per operation of an OpenAPI 3.x `document` (JSON or YAML text, or the JSON
         *     object itself; at most 1 MiB), each calling `base_url` + the operation's path. A tool's name is its
         *     operationId with every run of characters other than letters, digits, `_` and `-` as one `_`, at
         *     most 64 characters (`method_path` for an operation without one: `GET /pets/{petId}` is
         *     `get_pets_petId`); its description is the operation's summary and description, cut to 1000
         *     characters. Its `input_schema` is an object whose properties are the path, query and header
         *     parameters (by name, other characters as `_`; path and required ones required) and, for a JSON
         *     request body, `body`; its `http` fills the path from them, sends the query and header ones as
         *     `{name}` (required) or `{name?}` (left out when absent), and the body as `body`. Only `#/...`
         *     references are resolved: another file or a URL is never fetched (OPENAPI_IMPORT_INVALID_DOCUMENT),
         *     nor is a recursive schema inlined. Optional parameters an http tool cannot send (arrays, objects,
         *     cookies) are left out and listed in `operations[].skipped`; a required one refuses its operation.
         *     Security schemes are not imported. `operations` selects operations by operationId (or
         *     `"METHOD /path"`); without it, every GET, PUT, POST, DELETE, PATCH and HEAD operation, at most 100.
         *
         *     All or nothing: every problem is reported before anything is written, names are checked against
         *     the tenant's tools and against each other (409 OPENAPI_IMPORT_NAME_CONFLICT), and the tools are
         *     created in one transaction. With `dry_run=true` the answer is 200 with exactly the tools the call
         *     would create (the same checks, conflicts included) and nothing is written.
         */
        post: operations["importTools"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks, newest first
         * @description Each endpoint with the events it receives and whether it is enabled; never its secret.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a webhook; its signing secret is in this answer only
         * @description The URL must pass the egress policy (https, no private or loopback address unless the operator allows
         *     it; the host is resolved and checked again on every delivery). The answer holds the endpoint's signing
         *     secret (`whsec_...`): store it now, it is never shown again.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        /**
         * Get a webhook (never its secret)
         * @description The endpoint, the events it receives and whether it is enabled (and why not).
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook and its delivery log
         * @description Pending deliveries are not sent.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook's URL or events, or enable or disable it
         * @description Only the fields present change. `enabled: true` enables an endpoint disabled by a 410 Gone answer or by
         *     hand (deliveries made while it was disabled are not sent; redeliver them); `enabled: false` stops new
         *     deliveries, and pending ones fail at their next attempt.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event to a webhook
         * @description Delivers `{type: "webhook.test", timestamp, data: {webhook_id}}` like any event (signed, retried,
         *     logged), whatever the webhook subscribes to. The answer is the pending delivery.
         */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        /**
         * List a webhook's deliveries, newest first
         * @description Each event sent (or being sent) to the webhook, with its status, attempts and last error.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{delivery_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
                /** @example 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d */
                delivery_id: components["parameters"]["WebhookDeliveryId"];
            };
            cookie?: never;
        };
        /**
         * Get one delivery of a webhook
         * @description Its status, attempts, the receiver's last status code and the last error.
         */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
                /** @example 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d */
                delivery_id: components["parameters"]["WebhookDeliveryId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now
         * @description One more attempt now, whatever the delivery's status, with the same body and `webhook-id`; a failed
         *     attempt is retried again for a new retry window. A webhook that is disabled answers 409.
         */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Format: uuid */
        Uuid: string;
        /**
         * Format: date-time
         * @description An instant, as every timestamp the API writes it: UTC, ISO 8601, with milliseconds.
         * @example 2025-01-01T12:00:00.000Z
         */
        Timestamp: string;
        EntityName: string;
        ReadinessChecks: {
            /** @enum {string} */
            database: "ok" | "down";
            /** @enum {string} */
            redis: "ok" | "down" | "not_configured";
            /**
             * @description Every migration this code ships has run.
             * @enum {string}
             */
            migrations: "current" | "pending";
            /** @enum {string} */
            accepting_requests: "ok" | "down";
        };
        /**
         * @example {
         *       "id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
         *       "name": "acme",
         *       "status": "active",
         *       "created_at": "2025-01-01T12:00:00.000Z",
         *       "quotas": {
         *         "rate_limit_requests": 600,
         *         "run_rate_limit_requests": 60,
         *         "monthly_token_budget": 5000000,
         *         "monthly_cost_budget_usd": 50
         *       }
         *     }
         */
        AdminTenant: {
            id: components["schemas"]["Uuid"];
            name: string;
            /** @enum {string} */
            status: "active" | "suspended";
            created_at: components["schemas"]["Timestamp"];
            quotas: {
                /** Format: int64 */
                rate_limit_requests: number | null;
                /** Format: int64 */
                run_rate_limit_requests: number | null;
                /** Format: int64 */
                monthly_token_budget: number | null;
                monthly_cost_budget_usd: number | null;
            };
        };
        /**
         * @example {
         *       "id": "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091",
         *       "tenant_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
         *       "name": "default",
         *       "prefix": "map_Q3vX9k",
         *       "created_at": "2025-01-01T12:00:00.000Z",
         *       "last_used_at": "2025-01-02T09:15:00.000Z",
         *       "expires_at": null,
         *       "revoked_at": null
         *     }
         */
        AdminApiKey: {
            id: components["schemas"]["Uuid"];
            tenant_id: components["schemas"]["Uuid"];
            name: string;
            /** @description The key's first characters, to tell keys apart. */
            prefix: string;
            created_at: components["schemas"]["Timestamp"];
            /**
             * Format: date-time
             * @description To the minute.
             */
            last_used_at: string | null;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
        };
        /**
         * @example {
         *       "api_key": {
         *         "id": "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f",
         *         "tenant_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
         *         "name": "ci",
         *         "prefix": "map_h7Tq2L",
         *         "created_at": "2025-01-03T08:00:00.000Z",
         *         "last_used_at": null,
         *         "expires_at": "2026-01-01T00:00:00.000Z",
         *         "revoked_at": null
         *       },
         *       "key": "map_h7Tq2LwZc4Rk8uYb1nVx0sJf6gEe3pDa5mQiOt9lNyH"
         *     }
         */
        AdminIssuedKey: {
            api_key: components["schemas"]["AdminApiKey"];
            /** @description The API key. It is not stored and cannot be shown again. */
            key: string;
            previous?: components["schemas"]["AdminApiKey"];
        };
        AuditEvent: {
            id: components["schemas"]["Uuid"];
            /** @description null for events of no tenant (an unknown key). */
            tenant_id: string | null;
            /**
             * Format: int64
             * @description Position in the tenant's hash chain.
             */
            seq: number;
            actor: string;
            /** @enum {string} */
            action: "tenant.create" | "tenant.update" | "tenant.suspend" | "tenant.resume" | "tenant.delete" | "key.create" | "key.revoke" | "key.rotate" | "auth.failure" | "auth.suspended_tenant" | "admin.auth_failure";
            target: string | null;
            /** @description What happened, typed per action (see oneOf). */
            details: Record<string, unknown>;
            request_id: string | null;
            created_at: components["schemas"]["Timestamp"];
        } & (components["schemas"]["AuditTenantCreated"] | components["schemas"]["AuditTenantChanged"] | components["schemas"]["AuditNoDetails"] | components["schemas"]["AuditKeyCreated"] | components["schemas"]["AuditKeyRotated"] | components["schemas"]["AuditAuthFailure"]);
        AuditTenantCreated: {
            /** @constant */
            action: "tenant.create";
            details: {
                name: string;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description The fields the operator sent (PATCH /admin/v1/tenants/{tenantId}); null cleared one. */
        AuditTenantChanged: {
            /** @enum {unknown} */
            action: "tenant.update" | "tenant.suspend" | "tenant.resume";
            details: {
                name?: string;
                /** @enum {string} */
                status?: "active" | "suspended";
                /** Format: int32 */
                rate_limit_requests?: number | null;
                /** Format: int32 */
                run_rate_limit_requests?: number | null;
                /** Format: int64 */
                monthly_token_budget?: number | null;
                monthly_cost_budget_usd?: number | null;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description The target (the tenant or key id) says it all. */
        AuditNoDetails: {
            /** @enum {unknown} */
            action: "tenant.delete" | "key.revoke";
            details: Record<string, unknown>;
        } & {
            [key: string]: unknown;
        };
        AuditKeyCreated: {
            /** @constant */
            action: "key.create";
            details: {
                name: string;
            };
        } & {
            [key: string]: unknown;
        };
        AuditKeyRotated: {
            /** @constant */
            action: "key.rotate";
            details: {
                /** Format: int32 */
                grace_seconds: number;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A refused authentication (never the key or token presented). The first of a kind per window
         *     (chain, action, reason, client address) is written at once with count 1; repeats in the window are
         *     written when it closes as one event with coalesced, count and the window's bounds.
         */
        AuditAuthFailure: {
            /** @enum {unknown} */
            action: "auth.failure" | "auth.suspended_tenant" | "admin.auth_failure";
            details: {
                /** @enum {string} */
                reason: "missing_key" | "invalid_key" | "tenant_suspended" | "invalid_admin_token";
                /** @description null in the summary of many addresses (past the tracking bound). */
                client_address?: string | null;
                /** Format: int64 */
                count: number;
                /** @description The X-Request-Id the client sent, if any. */
                client_request_id?: string;
                /** @constant */
                coalesced?: true;
                first_request_id?: string;
                window_started_at?: components["schemas"]["Timestamp"];
                window_ended_at?: components["schemas"]["Timestamp"];
            };
        } & {
            [key: string]: unknown;
        };
        AuditEventPage: {
            items: components["schemas"]["AuditEvent"][];
            /** Format: int64 */
            total: number;
            /** Format: int64 */
            limit: number;
            /** Format: int64 */
            offset: number;
            has_more: boolean;
        };
        Model: {
            /** @description What to send as `model` when running an agent. */
            id: string;
            /** @description Who runs it: mock, openai, anthropic, ... */
            provider: string;
            /** Format: int64 */
            context_window: number;
            /** Format: int64 */
            max_output_tokens: number;
            /** @description USD per million input tokens. */
            input_price_per_million: number;
            /** @description USD per million output tokens. */
            output_price_per_million: number;
        };
        ShortText: string;
        LongText: string;
        /**
         * @description A tool: its kind, the JSON Schema its input must match, and the fields of its kind, which are
         *     present only on tools of that kind (never null): `builtin` on builtin tools; `code` and `timeout_ms`
         *     on javascript tools; none on client tools.
         * @example {
         *       "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *       "name": "calculator",
         *       "description": "Evaluates arithmetic",
         *       "kind": "builtin",
         *       "input_schema": {
         *         "type": "object",
         *         "properties": {
         *           "expression": {
         *             "type": "string",
         *             "minLength": 1,
         *             "maxLength": 1000
         *           }
         *         },
         *         "required": [
         *           "expression"
         *         ],
         *         "additionalProperties": false
         *       },
         *       "builtin": "calculator",
         *       "created_at": "2025-01-01T12:00:00.000Z",
         *       "updated_at": "2025-01-01T12:00:00.000Z"
         *     }
         */
        Tool: {
            id: components["schemas"]["Uuid"];
            name: string;
            description: string;
            kind: components["schemas"]["ToolKind"];
            input_schema: components["schemas"]["ToolInputSchema"];
            builtin?: components["schemas"]["BuiltinName"];
            code?: components["schemas"]["ToolCode"];
            timeout_ms?: components["schemas"]["ToolTimeout"];
            http?: components["schemas"]["HttpToolConfig"];
            mcp?: components["schemas"]["McpToolBinding"];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /**
         * @description A tool to create or (PUT) replace. Send only the fields of the tool's kind: `builtin` (required) with
         *     kind builtin; `code` (required) and `timeout_ms` with kind javascript; none with kind client.
         */
        ToolInput: {
            name: components["schemas"]["EntityName"];
            description: components["schemas"]["LongText"];
            /** @default client */
            kind?: components["schemas"]["ToolKind"];
            input_schema?: components["schemas"]["ToolInputSchema"];
            builtin?: components["schemas"]["BuiltinName"];
            code?: components["schemas"]["ToolCode"];
            timeout_ms?: components["schemas"]["ToolTimeout"];
            http?: components["schemas"]["HttpToolConfig"];
        };
        /** @description Only the fields present change. `kind`, if present, must be the tool's own. */
        ToolPatch: {
            name?: components["schemas"]["EntityName"];
            description?: components["schemas"]["LongText"];
            kind?: components["schemas"]["ToolKind"];
            input_schema?: components["schemas"]["ToolInputSchema"];
            builtin?: components["schemas"]["BuiltinName"];
            code?: components["schemas"]["ToolCode"];
            timeout_ms?: components["schemas"]["ToolTimeout"];
            http?: components["schemas"]["HttpToolConfig"];
        };
        /**
         * @description Who runs the tool. `client`: the caller (the platform never runs it; a run stops for its output).
         *     `builtin`: the platform, one of a documented set (`builtin`). `javascript`: the platform, the
         *     tenant's `code` in a sandbox. Plugins may add kinds; an unknown kind is INVALID_TOOL_CONFIG. A tool's
         *     kind never changes.
         * @example client
         * @example builtin
         * @example javascript
         */
        ToolKind: string;
        /**
         * @description A JSON Schema (2020-12) with `"type": "object"` that the tool's input must match. At most 32 KiB and
         *     64 levels deep; `$ref` only within the document, no `$id`; no `pattern` or `patternProperties`;
         *     `uniqueItems` only beside `maxItems` of at most 1000. Default `{"type": "object"}`, or the builtin's
         *     own schema. Refused otherwise with INVALID_INPUT_SCHEMA, a JSON pointer per problem.
         * @example {
         *       "type": "object",
         *       "properties": {
         *         "city": {
         *           "type": "string"
         *         }
         *       },
         *       "required": [
         *         "city"
         *       ]
         *     }
         */
        ToolInputSchema: Record<string, unknown>;
        /**
         * @description Kind builtin only. `calculator`: `{expression}` -> `{result}`, arithmetic with + - * / % ^, parentheses,
         *     pi, e and functions such as sqrt, ln, round, min, max (parsed by the platform; nothing is evaluated).
         *     `current_time`: `{timezone?}` (IANA name, default UTC) -> `{iso, unix_ms, timezone, utc_offset}`.
         * @enum {string}
         */
        BuiltinName: "calculator" | "current_time";
        /**
         * @description Kind javascript only. An ES module whose default export is `(input) => output` (sync or async),
         *     run in QuickJS in a sandbox: JSON in, JSON out; no network, file system, timers, `import` or host
         *     objects; 32 MB of memory; output at most 64 KB. At most 64 KiB of UTF-8 (INVALID_TOOL_CONFIG), which
         *     with the request's other fields is more than the 64 KiB a request body may hold (413). Code that does
         *     not compile is refused with CODE_DOES_NOT_COMPILE and its line and column.
         * @example export default ({ a, b }) => ({ sum: a + b })
         */
        ToolCode: string;
        /**
         * Format: int32
         * @description Kind javascript only. CPU time a call may take, in milliseconds; 500 when not given.
         */
        ToolTimeout: number;
        /**
         * @description Kind http only (the http-tools plugin). One request per call, through the platform's egress policy
         *     (SECURITY.md "Egress"): https only unless the operator allows http; loopback, private, link-local,
         *     CGNAT, metadata and other non-public addresses refused (EGRESS_DENIED); redirects not followed (a
         *     3xx is the output). `{param}` in the URL's path and query, in `headers` and `query` values and in
         *     `body` strings is filled from the input (percent-encoded in the URL; never in the host). A query or
         *     header value or a body string that is exactly `{param?}` is left out when the input has no `param`
         *     (absent or null); `{param?}` anywhere else is INVALID_TOOL_CONFIG. Output:
         *     `{status, headers (content-type, etag, location... never set-cookie), body (JSON when the answer is
         *     JSON, else text), truncated}`; a 5xx, a timeout, a refused destination, a JSON answer that does not
         *     parse or a binary body is the tool's error. A header or query value may use a tenant secret as
         *     `{{secrets.NAME}}` (nowhere else): resolved at call time, each use audited, sent only to the server and
         *     replaced by `[secret NAME]` in whatever comes back; a missing secret is the call's SECRETS_UNRESOLVED
         *     error.
         * @example {
         *       "method": "GET",
         *       "url": "https://api.example.com/weather/{city}",
         *       "query": {
         *         "units": "metric"
         *       },
         *       "timeout_ms": 5000
         *     }
         */
        HttpToolConfig: {
            /**
             * @default GET
             * @enum {string}
             */
            method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
            /** @description An absolute URL template, e.g. `https://api.example.com/users/{id}`. */
            url: string;
            /** @description Header templates; Host, Content-Length, Accept-Encoding and hop-by-hop headers are refused. */
            headers?: {
                [key: string]: string;
            };
            /** @description Query parameter templates, appended to the URL's own query. */
            query?: {
                [key: string]: string;
            };
            /**
             * @description A JSON mapping sent as the body (not with GET or HEAD): a string that is exactly `{param}` is the
             *     input's value as it is; other strings are filled as text.
             */
            body?: unknown;
            /**
             * Format: int32
             * @description The whole call, from resolution to the last byte of the answer.
             * @default 10000
             */
            timeout_ms?: number;
            /**
             * Format: int32
             * @description The answer's body is cut there (`truncated` true).
             * @default 65536
             */
            max_response_bytes?: number;
            /**
             * @description The tenant's own narrowing of the operator's policy for this tool: host names or `*.domain`; the
             *     URL's host must match one (EGRESS_DENIED otherwise), checked when stored and on every call.
             */
            allowed_hosts?: string[];
        };
        ToolTestRequest: {
            /**
             * @description The tool's input, checked against its input_schema.
             * @default {}
             */
            input?: Record<string, unknown>;
        };
        /** @description The tool's output, or its error; `latency_ms` either way. */
        ToolTestResult: {
            /** @description What the tool returned: any JSON value. */
            output: unknown;
            /** Format: int64 */
            latency_ms: number;
        } | {
            error: components["schemas"]["ToolError"];
            /** Format: int64 */
            latency_ms: number;
        };
        /**
         * @description Why the tool failed. Sandbox: TIMEOUT, MEMORY_LIMIT, STACK_OVERFLOW, OUTPUT_TOO_LARGE (over 64 KB),
         *     INVALID_OUTPUT (not JSON), THREW, NEVER_SETTLED, CANCELLED, SANDBOX_CRASHED, SANDBOX_UNAVAILABLE,
         *     INVALID_CODE. Builtins: INVALID_INPUT, INVALID_EXPRESSION, MATH_ERROR, INVALID_TIMEZONE. Any kind:
         *     TOOL_FAILED, UNKNOWN_KIND. Http: EGRESS_DENIED, TIMEOUT, CONNECTION_FAILED, CANCELLED,
         *     UPSTREAM_ERROR (a 5xx), INVALID_JSON_RESPONSE, BINARY_RESPONSE, INVALID_INPUT. Mcp: MCP_TOOL_ERROR
         *     (the server's isError result, its text), MCP_UNREACHABLE, MCP_PROTOCOL_ERROR, EGRESS_DENIED, TIMEOUT,
         *     TOO_LARGE, CANCELLED, OUTPUT_TOO_LARGE, SECRETS_UNRESOLVED, SECRETS_KEY_UNAVAILABLE.
         */
        ToolError: {
            code: string;
            message: string;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *           "name": "calculator",
         *           "description": "Evaluates arithmetic",
         *           "kind": "builtin",
         *           "input_schema": {
         *             "type": "object",
         *             "properties": {
         *               "expression": {
         *                 "type": "string",
         *                 "minLength": 1,
         *                 "maxLength": 1000
         *               }
         *             },
         *             "required": [
         *               "expression"
         *             ],
         *             "additionalProperties": false
         *           },
         *           "builtin": "calculator",
         *           "created_at": "2025-01-01T12:00:00.000Z",
         *           "updated_at": "2025-01-01T12:00:00.000Z"
         *         }
         *       ],
         *       "total": 1,
         *       "limit": 20,
         *       "offset": 0,
         *       "has_more": false
         *     }
         */
        ToolPage: {
            items: components["schemas"]["Tool"][];
            /** Format: int64 */
            total: number;
            /** Format: int32 */
            limit: number;
            /** Format: int64 */
            offset: number;
            has_more: boolean;
        };
        AgentTool: {
            id: components["schemas"]["Uuid"];
            name: string;
            description: string;
        };
        /**
         * @example {
         *       "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *       "name": "support-bot",
         *       "role": "Customer support",
         *       "description": "Answers questions about orders and does the arithmetic on refunds",
         *       "tools": [
         *         {
         *           "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *           "name": "calculator",
         *           "description": "Evaluates arithmetic"
         *         },
         *         {
         *           "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "name": "lookup-order",
         *           "description": "Looks up an order in the caller's system"
         *         }
         *       ],
         *       "created_at": "2025-01-01T12:00:00.000Z",
         *       "updated_at": "2025-01-01T12:00:00.000Z"
         *     }
         */
        Agent: {
            id: components["schemas"]["Uuid"];
            name: string;
            role: string;
            description: string;
            /** @description Linked tools, ordered by name. */
            tools: components["schemas"]["AgentTool"][];
            source?: components["schemas"]["AgentSource"];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /**
         * @description Present only on an agent installed from the marketplace: the listing, version and package it was
         *     installed (or last upgraded) from. Set by the marketplace's install and upgrade only; no agent
         *     request body can write it.
         * @example {
         *       "listing": "support-triage",
         *       "version": "1.2.0",
         *       "package_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         *       "installed_at": "2025-01-01T12:00:00.000Z"
         *     }
         */
        AgentSource: {
            /** @description The listing's slug. */
            listing: string;
            /** @description The version installed, or upgraded to last. */
            version: string;
            /** @description The SHA-256 of that version's package. */
            package_sha256: string;
            installed_at: components["schemas"]["Timestamp"];
            upgraded_at?: components["schemas"]["Timestamp"];
        };
        /** @description Ids of this tenant's tools to link; replaces the agent's links. */
        ToolIds: components["schemas"]["Uuid"][];
        AgentInput: {
            name: components["schemas"]["EntityName"];
            role: components["schemas"]["ShortText"];
            description: components["schemas"]["LongText"];
            tool_ids?: components["schemas"]["ToolIds"];
        };
        AgentPatch: {
            name?: components["schemas"]["EntityName"];
            role?: components["schemas"]["ShortText"];
            description?: components["schemas"]["LongText"];
            tool_ids?: components["schemas"]["ToolIds"];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *           "name": "support-bot",
         *           "role": "Customer support",
         *           "description": "Answers questions about orders and does the arithmetic on refunds",
         *           "tools": [
         *             {
         *               "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *               "name": "calculator",
         *               "description": "Evaluates arithmetic"
         *             },
         *             {
         *               "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *               "name": "lookup-order",
         *               "description": "Looks up an order in the caller's system"
         *             }
         *           ],
         *           "created_at": "2025-01-01T12:00:00.000Z",
         *           "updated_at": "2025-01-01T12:00:00.000Z"
         *         }
         *       ],
         *       "total": 1,
         *       "limit": 20,
         *       "offset": 0,
         *       "has_more": false
         *     }
         */
        AgentPage: {
            items: components["schemas"]["Agent"][];
            /** Format: int64 */
            total: number;
            /** Format: int32 */
            limit: number;
            /** Format: int64 */
            offset: number;
            has_more: boolean;
        };
        RunRequest: {
            prompt: string;
            /** @description A model id from GET /api/v1/models. */
            model: string;
            /**
             * @description `true`: answer with a server-sent event stream; `false`: answer JSON. Absent: a stream when the
             *     `Accept` header asks for `text/event-stream`, JSON otherwise. The field, when present, wins.
             * @example false
             */
            stream?: boolean;
            /**
             * Format: int32
             * @description The most model steps the run may take; reached with the model still calling tools, the run is incomplete.
             * @default 8
             */
            max_steps?: number;
            /**
             * @description `true`: answer 202 at once with the execution `queued`; a worker runs it. Not streamed (`stream:
             *     true` with it is 400); follow it at GET /api/v1/executions/{id}/events.
             * @default false
             */
            background?: boolean;
        };
        /** @description The agent exactly as it ran. */
        AgentSnapshot: {
            id: components["schemas"]["Uuid"];
            name: string;
            role: string;
            description: string;
            tools: {
                id: components["schemas"]["Uuid"];
                name: string;
                description: string;
            }[];
        };
        ToolCall: {
            name: string;
            /** @description The arguments as the model produced them (JSON text). */
            arguments: string;
        };
        /**
         * @description What the run was billed, and counted against the tenant's budget. A completed run: the usage the
         *     provider reported. A run that did not complete still cost something at the provider, so it is billed
         *     an estimate (`estimated: true`): streamed, the input sent (or the provider's count of it) plus the
         *     tokens of the output that arrived; not streamed, where the output is unknown, the input plus the whole
         *     output the provider was allowed (the run's worst case). A call the provider refused with an error
         *     status, or never received, is billed nothing.
         */
        Usage: {
            /** Format: int64 */
            input_tokens: number;
            /** Format: int64 */
            output_tokens: number;
            /** Format: int64 */
            total_tokens: number;
            /** @description True when the provider did not report the usage and it was estimated. */
            estimated: boolean;
        };
        /**
         * @example {
         *       "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
         *       "agent_id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *       "agent_name": "support-bot",
         *       "agent": {
         *         "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *         "name": "support-bot",
         *         "role": "Customer support",
         *         "description": "Answers questions about orders and does the arithmetic on refunds",
         *         "tools": [
         *           {
         *             "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *             "name": "calculator",
         *             "description": "Evaluates arithmetic"
         *           },
         *           {
         *             "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *             "name": "lookup-order",
         *             "description": "Looks up an order in the caller's system"
         *           }
         *         ]
         *       },
         *       "model": "gpt-4o",
         *       "provider": "openai",
         *       "prompt": "What is 15% of 240?",
         *       "response": "15% of 240 is 36.",
         *       "tools_available": [
         *         "calculator",
         *         "lookup-order"
         *       ],
         *       "tool_calls": [
         *         {
         *           "name": "calculator",
         *           "arguments": "{\"expression\":\"240 * 15 / 100\"}"
         *         }
         *       ],
         *       "status": "completed",
         *       "steps_count": 3,
         *       "max_steps": 8,
         *       "updated_at": "2025-01-01T12:00:03.412Z",
         *       "usage": {
         *         "input_tokens": 412,
         *         "output_tokens": 38,
         *         "total_tokens": 450,
         *         "estimated": false
         *       },
         *       "cost_usd": 0.00141,
         *       "latency_ms": 3398,
         *       "created_at": "2025-01-01T12:00:00.000Z"
         *     }
         */
        Execution: {
            id: components["schemas"]["Uuid"];
            agent_id: components["schemas"]["Uuid"];
            agent_name: string;
            agent: components["schemas"]["AgentSnapshot"];
            model: string;
            /** @description Which provider answered: mock, openai, anthropic, ... */
            provider: string;
            prompt: string;
            /** @description The model's text; partial when cancelled, null when it failed before any. */
            response: string | null;
            tools_available: string[];
            tool_calls: components["schemas"]["ToolCall"][];
            /** @description Present when the agent has no tools. */
            warning?: string;
            /**
             * @description queued: a background run no worker has taken yet; running: the loop is working;
             *     requires_action: it waits for client tool outputs (see required_action); completed; failed;
             *     incomplete (see incomplete_reason); cancelled (the client disconnected, or POST
             *     /executions/{id}/cancel); expired (nobody answered required_action before expires_at).
             *
             *     The only moves, each made once (a move two requests race for is made by one; the other is 409
             *     INVALID_EXECUTION_STATE): queued -> running | cancelled | failed; running -> requires_action |
             *     completed | failed | incomplete | cancelled; requires_action -> running | expired | cancelled.
             *     completed, failed, incomplete, cancelled and expired are final.
             * @enum {string}
             */
            status: "queued" | "running" | "requires_action" | "completed" | "failed" | "incomplete" | "cancelled" | "expired";
            /** @description Present when the run failed (the problem the client got, PROVIDER_ERROR, PROVIDER_TIMEOUT or BUDGET_EXCEEDED; WORKER_LOST when every worker of a background run was lost) or was cancelled (RUN_CANCELLED, status 499, when the client disconnected or the run was cancelled). */
            error?: components["schemas"]["Problem_BUDGET_EXCEEDED"] | components["schemas"]["Problem_PROVIDER_ERROR"] | components["schemas"]["Problem_PROVIDER_TIMEOUT"] | components["schemas"]["Problem_RUN_CANCELLED"] | components["schemas"]["Problem_WORKER_LOST"];
            /**
             * Format: int64
             * @description Steps recorded (model and tool calls); 0 for runs recorded before steps were.
             */
            steps_count: number;
            /**
             * Format: int32
             * @description The run's limit of model steps (absent on runs recorded before it).
             */
            max_steps?: number;
            required_action?: components["schemas"]["RequiredAction"];
            /**
             * @description Present when the run is incomplete.
             * @enum {string}
             */
            incomplete_reason?: "max_steps";
            /** @description When a requires_action run expires; kept on an expired one. */
            expires_at?: components["schemas"]["Timestamp"];
            updated_at?: components["schemas"]["Timestamp"];
            /**
             * @description Present on a background run (run by a worker).
             * @constant
             */
            background?: true;
            /** @description When a cancel was asked for a running run; it is cancelled once its current call has stopped. */
            cancel_requested_at?: components["schemas"]["Timestamp"];
            usage: components["schemas"]["Usage"];
            cost_usd: number;
            /**
             * Format: int64
             * @description Time the run's model and tool calls took (for each step of parallel calls, the slowest); waiting for the caller is not counted.
             */
            latency_ms: number;
            created_at: components["schemas"]["Timestamp"];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
         *           "agent_id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *           "agent_name": "support-bot",
         *           "agent": {
         *             "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *             "name": "support-bot",
         *             "role": "Customer support",
         *             "description": "Answers questions about orders and does the arithmetic on refunds",
         *             "tools": [
         *               {
         *                 "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *                 "name": "calculator",
         *                 "description": "Evaluates arithmetic"
         *               },
         *               {
         *                 "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *                 "name": "lookup-order",
         *                 "description": "Looks up an order in the caller's system"
         *               }
         *             ]
         *           },
         *           "model": "gpt-4o",
         *           "provider": "openai",
         *           "prompt": "What is 15% of 240?",
         *           "response": "15% of 240 is 36.",
         *           "tools_available": [
         *             "calculator",
         *             "lookup-order"
         *           ],
         *           "tool_calls": [
         *             {
         *               "name": "calculator",
         *               "arguments": "{\"expression\":\"240 * 15 / 100\"}"
         *             }
         *           ],
         *           "status": "completed",
         *           "steps_count": 3,
         *           "max_steps": 8,
         *           "updated_at": "2025-01-01T12:00:03.412Z",
         *           "usage": {
         *             "input_tokens": 412,
         *             "output_tokens": 38,
         *             "total_tokens": 450,
         *             "estimated": false
         *           },
         *           "cost_usd": 0.00141,
         *           "latency_ms": 3398,
         *           "created_at": "2025-01-01T12:00:00.000Z"
         *         }
         *       ],
         *       "total": 57,
         *       "limit": 1,
         *       "offset": 0,
         *       "has_more": true,
         *       "next_cursor": "eyJjIjoiMjAyNS0wMS0wMVQxMjowMDowMC4wMDBaIiwiaSI6IjBmMWUyZDNjIn0"
         *     }
         */
        ExecutionPage: {
            items: components["schemas"]["Execution"][];
            /**
             * Format: int64
             * @description Every execution matching the filters.
             */
            total: number;
            /** Format: int32 */
            limit: number;
            /**
             * Format: int64
             * @description 0 with a cursor.
             */
            offset: number;
            /** @description Older executions follow this page. */
            has_more: boolean;
            /** @description The cursor of the next page when has_more, else null. */
            next_cursor: string | null;
        };
        UsageFigures: {
            /**
             * Format: int64
             * @description Executions of any status.
             */
            runs: number;
            /** Format: int64 */
            input_tokens: number;
            /** Format: int64 */
            output_tokens: number;
            /** Format: int64 */
            total_tokens: number;
            /** @description The exact sum of the executions' costs. */
            cost_usd: number;
        };
        UsageGroup: {
            /** @description The model id, the agent id, or the UTC date (YYYY-MM-DD). */
            key: string;
            /** @description With group_by=agent, the agent's name in its latest execution in the range. */
            agent_name?: string;
            /** Format: int64 */
            runs: number;
            /** Format: int64 */
            input_tokens: number;
            /** Format: int64 */
            output_tokens: number;
            /** Format: int64 */
            total_tokens: number;
            cost_usd: number;
        };
        /**
         * @example {
         *       "from": "2025-01-01T00:00:00.000Z",
         *       "to": "2025-02-01T00:00:00.000Z",
         *       "group_by": "model",
         *       "totals": {
         *         "runs": 57,
         *         "input_tokens": 23480,
         *         "output_tokens": 2210,
         *         "total_tokens": 25690,
         *         "cost_usd": 0.0808
         *       },
         *       "groups": [
         *         {
         *           "key": "claude-3-sonnet",
         *           "runs": 12,
         *           "input_tokens": 4120,
         *           "output_tokens": 380,
         *           "total_tokens": 4500,
         *           "cost_usd": 0
         *         },
         *         {
         *           "key": "gpt-4o",
         *           "runs": 45,
         *           "input_tokens": 19360,
         *           "output_tokens": 1830,
         *           "total_tokens": 21190,
         *           "cost_usd": 0.0808
         *         }
         *       ]
         *     }
         */
        UsageReport: {
            /**
             * @description Start of the range summed, inclusive: UTC with milliseconds like every timestamp, with
             *     microseconds only when the request gave them (the range is echoed exactly).
             */
            from: components["schemas"]["Timestamp"];
            /** @description End of the range summed, exclusive; written as `from`. */
            to: components["schemas"]["Timestamp"];
            /** @enum {string|null} */
            group_by: "model" | "agent" | "day" | null;
            totals: components["schemas"]["UsageFigures"];
            /** @description Empty without group_by. */
            groups: components["schemas"]["UsageGroup"][];
        };
        QuotaState: {
            /** Format: int64 */
            limit: number;
            /** Format: int64 */
            window_seconds: number;
            /** Format: int64 */
            remaining: number;
            /** Format: int64 */
            reset_seconds: number;
        };
        BudgetState: {
            /** @description The monthly budget; null when none is set. */
            limit: number | null;
            used: number;
            reserved: number;
        };
        /**
         * @example {
         *       "quotas": {
         *         "requests": {
         *           "limit": 600,
         *           "window_seconds": 60,
         *           "remaining": 597,
         *           "reset_seconds": 42
         *         },
         *         "runs": {
         *           "limit": 60,
         *           "window_seconds": 60,
         *           "remaining": 59,
         *           "reset_seconds": 42
         *         }
         *       },
         *       "shared": true,
         *       "budgets": {
         *         "period_start": "2025-01-01T00:00:00.000Z",
         *         "period_end": "2025-02-01T00:00:00.000Z",
         *         "tokens": {
         *           "limit": 5000000,
         *           "used": 25690,
         *           "reserved": 0
         *         },
         *         "cost_usd": {
         *           "limit": 50,
         *           "used": 0.0808,
         *           "reserved": 0
         *         }
         *       }
         *     }
         */
        Limits: {
            quotas: {
                requests: components["schemas"]["QuotaState"];
                runs: components["schemas"]["QuotaState"];
            };
            shared: boolean;
            budgets: {
                /** @description The first instant of the calendar month (UTC), inclusive. */
                period_start: components["schemas"]["Timestamp"];
                /** @description The first instant of the next month (UTC), exclusive. */
                period_end: components["schemas"]["Timestamp"];
                tokens: components["schemas"]["BudgetState"];
                cost_usd: components["schemas"]["BudgetState"];
            };
        };
        ExecutionEvent: {
            /**
             * Format: int64
             * @description The event's place in its run, from 1, without gaps.
             */
            seq: number;
            /** @enum {string} */
            type: "execution.created" | "step.created" | "response.delta" | "tool_call.created" | "tool_call.completed" | "execution.requires_action" | "execution.completed" | "execution.failed" | "execution.incomplete" | "execution.cancelled";
            /** @description The event's data, typed per type (see oneOf): what its stream sent. */
            data: unknown;
            created_at: components["schemas"]["Timestamp"];
        } & (components["schemas"]["ExecutionEventCreated"] | components["schemas"]["ExecutionEventStepCreated"] | components["schemas"]["ExecutionEventResponseDelta"] | components["schemas"]["ExecutionEventToolCallCreated"] | components["schemas"]["ExecutionEventToolCallCompleted"] | components["schemas"]["ExecutionEventRequiresAction"] | components["schemas"]["ExecutionEventCompleted"] | components["schemas"]["ExecutionEventFailed"] | components["schemas"]["ExecutionEventIncomplete"] | components["schemas"]["ExecutionEventCancelled"]);
        ExecutionEventCreated: {
            /** @constant */
            type: "execution.created";
            data: components["schemas"]["ExecutionCreatedEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventStepCreated: {
            /** @constant */
            type: "step.created";
            data: components["schemas"]["StepCreatedEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventResponseDelta: {
            /** @constant */
            type: "response.delta";
            data: components["schemas"]["ResponseDeltaEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventToolCallCreated: {
            /** @constant */
            type: "tool_call.created";
            data: components["schemas"]["ToolCallCreatedEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventToolCallCompleted: {
            /** @constant */
            type: "tool_call.completed";
            data: components["schemas"]["ToolCallCompletedEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventRequiresAction: {
            /** @constant */
            type: "execution.requires_action";
            data: components["schemas"]["ExecutionRequiresActionEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventCompleted: {
            /** @constant */
            type: "execution.completed";
            data: components["schemas"]["ExecutionCompletedEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventFailed: {
            /** @constant */
            type: "execution.failed";
            data: components["schemas"]["ExecutionFailedEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventIncomplete: {
            /** @constant */
            type: "execution.incomplete";
            data: components["schemas"]["ExecutionIncompleteEvent"];
        } & {
            [key: string]: unknown;
        };
        ExecutionEventCancelled: {
            /** @constant */
            type: "execution.cancelled";
            data: components["schemas"]["ExecutionCancelledEvent"];
        } & {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "seq": 1,
         *           "type": "execution.created",
         *           "data": {
         *             "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
         *             "agent_id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *             "agent_name": "support-bot",
         *             "model": "gpt-4o",
         *             "provider": "openai",
         *             "status": "running"
         *           },
         *           "created_at": "2025-01-01T12:00:00.000Z"
         *         },
         *         {
         *           "seq": 2,
         *           "type": "response.delta",
         *           "data": {
         *             "delta": "15% of 240 "
         *           },
         *           "created_at": "2025-01-01T12:00:00.250Z"
         *         },
         *         {
         *           "seq": 3,
         *           "type": "response.delta",
         *           "data": {
         *             "delta": "is 36."
         *           },
         *           "created_at": "2025-01-01T12:00:00.500Z"
         *         },
         *         {
         *           "seq": 4,
         *           "type": "execution.completed",
         *           "data": {
         *             "id": "0f1e2d3c-4b5a-4697-8877-665544332211",
         *             "agent_id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *             "agent_name": "support-bot",
         *             "agent": {
         *               "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *               "name": "support-bot",
         *               "role": "Customer support",
         *               "description": "Answers questions about orders and does the arithmetic on refunds",
         *               "tools": []
         *             },
         *             "model": "gpt-4o",
         *             "provider": "openai",
         *             "prompt": "What is 15% of 240?",
         *             "response": "15% of 240 is 36.",
         *             "tools_available": [],
         *             "tool_calls": [],
         *             "status": "completed",
         *             "steps_count": 1,
         *             "max_steps": 8,
         *             "updated_at": "2025-01-01T12:00:00.610Z",
         *             "usage": {
         *               "input_tokens": 198,
         *               "output_tokens": 9,
         *               "total_tokens": 207,
         *               "estimated": false
         *             },
         *             "cost_usd": 0.000585,
         *             "latency_ms": 600,
         *             "created_at": "2025-01-01T12:00:00.000Z"
         *           },
         *           "created_at": "2025-01-01T12:00:00.610Z"
         *         }
         *       ],
         *       "has_more": false,
         *       "next_after": 4
         *     }
         */
        ExecutionEventPage: {
            items: components["schemas"]["ExecutionEvent"][];
            /** @description More events follow (at the time of the read). */
            has_more: boolean;
            /**
             * Format: int64
             * @description The `after` of the next page (the last seq of this one; the request's `after` when it is empty).
             */
            next_after: number;
        };
        /**
         * @description The run was cancelled: its client disconnected (then only in the event log, GET
         *     /executions/{id}/events: its own stream has nobody left to tell), or POST /executions/{id}/cancel
         *     stopped it (its stream, if it has one, ends with this event). The execution with its error.
         */
        ExecutionCancelledEvent: components["schemas"]["Execution"] & {
            /** @constant */
            status?: "cancelled";
        };
        ToolOutputsRequest: {
            /** @description One output per call in required_action.tool_calls. */
            tool_outputs: {
                tool_call_id: string;
                /** @description What the tool returned (any JSON value); the model sees it as {"output": ...}. */
                output: unknown;
            }[];
            /**
             * @description `true`: answer with a server-sent event stream; `false`: answer JSON. Absent: a stream when the
             *     `Accept` header asks for `text/event-stream`, JSON otherwise. The field, when present, wins.
             */
            stream?: boolean;
        };
        /** @description What a requires_action run waits for. It stays on an expired run (what went unanswered). */
        RequiredAction: {
            /** @constant */
            type: "submit_tool_outputs";
            tool_calls: {
                /** @description The call id to answer with tool_call_id. */
                id: string;
                tool_id: components["schemas"]["Uuid"];
                name: string;
                /** @description JSON text, valid for the tool's input_schema. */
                arguments: string;
            }[];
        };
        /**
         * @description Why a step did not complete. Tool steps: the tool's own error (TIMEOUT, MEMORY_LIMIT, THREW, ...),
         *     UNKNOWN_TOOL (the agent has no tool of that name), INVALID_ARGUMENTS (not JSON, or not valid for the
         *     schema: `errors` has a JSON pointer into the arguments and a message per problem) or CANCELLED; the
         *     model is shown the same error. Model steps: the code of the run's failure.
         */
        StepError: {
            code: string;
            message: string;
            errors?: {
                pointer: string;
                message: string;
            }[];
        };
        ExecutionStep: {
            /** Format: int64 */
            index: number;
            /** @enum {string} */
            type: "model" | "tool";
            /**
             * @description waiting is a client tool call whose output has not arrived (it stays so on an expired run).
             * @enum {string}
             */
            status: "running" | "waiting" | "completed" | "failed" | "cancelled";
            /** Format: int64 */
            latency_ms: number;
            started_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            completed_at: string | null;
            error?: components["schemas"]["StepError"];
            /** @description Model steps: the model's text. */
            text?: string | null;
            /** @description Model steps, the tool calls the model asked for. */
            tool_calls?: {
                id: string;
                name: string;
                arguments: string;
            }[];
            usage?: components["schemas"]["Usage"];
            cost_usd?: number;
            tool_id?: components["schemas"]["Uuid"] | null;
            tool_name?: string;
            tool_call_id?: string;
            /** @description Tool steps: the arguments as the model produced them. */
            arguments?: string;
            /** @description A completed tool step: what the tool returned. */
            output?: unknown;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "index": 0,
         *           "type": "model",
         *           "status": "completed",
         *           "latency_ms": 1180,
         *           "started_at": "2025-01-01T12:00:00.010Z",
         *           "completed_at": "2025-01-01T12:00:01.190Z",
         *           "text": null,
         *           "tool_calls": [
         *             {
         *               "id": "call_3xQ9aZ",
         *               "name": "calculator",
         *               "arguments": "{\"expression\":\"240 * 15 / 100\"}"
         *             }
         *           ],
         *           "usage": {
         *             "input_tokens": 198,
         *             "output_tokens": 21,
         *             "total_tokens": 219,
         *             "estimated": false
         *           },
         *           "cost_usd": 0.000705
         *         },
         *         {
         *           "index": 1,
         *           "type": "tool",
         *           "status": "completed",
         *           "latency_ms": 2,
         *           "started_at": "2025-01-01T12:00:01.191Z",
         *           "completed_at": "2025-01-01T12:00:01.193Z",
         *           "tool_id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *           "tool_name": "calculator",
         *           "tool_call_id": "call_3xQ9aZ",
         *           "arguments": "{\"expression\":\"240 * 15 / 100\"}",
         *           "output": {
         *             "result": 36
         *           }
         *         },
         *         {
         *           "index": 2,
         *           "type": "model",
         *           "status": "completed",
         *           "latency_ms": 2216,
         *           "started_at": "2025-01-01T12:00:01.195Z",
         *           "completed_at": "2025-01-01T12:00:03.411Z",
         *           "text": "15% of 240 is 36.",
         *           "tool_calls": [],
         *           "usage": {
         *             "input_tokens": 214,
         *             "output_tokens": 17,
         *             "total_tokens": 231,
         *             "estimated": false
         *           },
         *           "cost_usd": 0.000705
         *         }
         *       ],
         *       "total": 3,
         *       "limit": 20,
         *       "offset": 0,
         *       "has_more": false
         *     }
         */
        ExecutionStepPage: {
            items: components["schemas"]["ExecutionStep"][];
            /** Format: int64 */
            total: number;
            /** Format: int32 */
            limit: number;
            /** Format: int64 */
            offset: number;
            has_more: boolean;
        };
        /**
         * @description One server-sent event of a run's stream, as its `event` name and its `data` (one line of JSON). The
         *     same pairs are listed by name in the `x-sse-events` extension of each streaming response. `error`
         *     (a problem document) is sent when the run fails after the stream began for a reason of the platform's.
         */
        RunStreamEvent: {
            /** @constant */
            event: "execution.created";
            data: components["schemas"]["ExecutionCreatedEvent"];
        } | {
            /** @constant */
            event: "step.created";
            data: components["schemas"]["StepCreatedEvent"];
        } | {
            /** @constant */
            event: "response.delta";
            data: components["schemas"]["ResponseDeltaEvent"];
        } | {
            /** @constant */
            event: "tool_call.created";
            data: components["schemas"]["ToolCallCreatedEvent"];
        } | {
            /** @constant */
            event: "tool_call.completed";
            data: components["schemas"]["ToolCallCompletedEvent"];
        } | {
            /** @constant */
            event: "execution.requires_action";
            data: components["schemas"]["ExecutionRequiresActionEvent"];
        } | {
            /** @constant */
            event: "execution.completed";
            data: components["schemas"]["ExecutionCompletedEvent"];
        } | {
            /** @constant */
            event: "execution.failed";
            data: components["schemas"]["ExecutionFailedEvent"];
        } | {
            /** @constant */
            event: "execution.incomplete";
            data: components["schemas"]["ExecutionIncompleteEvent"];
        } | {
            /** @constant */
            event: "execution.cancelled";
            data: components["schemas"]["ExecutionCancelledEvent"];
        } | {
            /** @constant */
            event: "error";
            data: components["schemas"]["Problem"];
        };
        /** @description The run was recorded, and its first model step starts (or, queued, waits for a worker). */
        ExecutionCreatedEvent: {
            id: components["schemas"]["Uuid"];
            agent_id: components["schemas"]["Uuid"];
            agent_name: string;
            model: string;
            provider: string;
            /**
             * @description queued for a background run, whose first model step then has its own step.created.
             * @enum {string}
             */
            status: "running" | "queued";
        };
        /**
         * @description A step starts: a tool call the model asked for, or a model call after the first (the run's first model
         *     step, index 0, is announced by execution.created, so a run without tool calls streams only
         *     execution.created, response.delta events and its final event).
         */
        StepCreatedEvent: {
            execution_id: components["schemas"]["Uuid"];
            /** Format: int64 */
            index: number;
            /** @enum {string} */
            type: "model" | "tool";
        };
        /** @description Text the model produced, as it arrives. */
        ResponseDeltaEvent: {
            delta: string;
        };
        /**
         * @description The model asked for a tool call. status running: the platform runs it; waiting: the caller must
         *     (a client tool); failed: refused (UNKNOWN_TOOL, INVALID_ARGUMENTS), a tool_call.completed follows.
         */
        ToolCallCreatedEvent: {
            execution_id: components["schemas"]["Uuid"];
            /** Format: int64 */
            step_index: number;
            id: string;
            tool_id: components["schemas"]["Uuid"] | null;
            name: string;
            arguments: string;
            /** @enum {string} */
            status: "running" | "waiting" | "failed";
        };
        /** @description A tool call finished, with its output (completed) or its error (failed, cancelled). */
        ToolCallCompletedEvent: {
            execution_id: components["schemas"]["Uuid"];
            /** Format: int64 */
            step_index: number;
            id: string;
            name: string;
            /** @enum {string} */
            status: "completed" | "failed" | "cancelled";
            /** @description What the tool returned (completed). */
            output?: unknown;
            error?: components["schemas"]["StepError"];
            /** Format: int64 */
            latency_ms: number;
        };
        /** @description The run waits for client tool outputs; the execution, with required_action. The stream ends. */
        ExecutionRequiresActionEvent: components["schemas"]["Execution"] & {
            /** @constant */
            status?: "requires_action";
        };
        /** @description The model answered without tool calls; the execution. The stream ends. */
        ExecutionCompletedEvent: components["schemas"]["Execution"] & {
            /** @constant */
            status?: "completed";
        };
        /** @description The run failed (a provider error or timeout, a budget crossed); the execution with its error. The stream ends. */
        ExecutionFailedEvent: components["schemas"]["Execution"] & {
            /** @constant */
            status?: "failed";
        };
        /** @description The run reached max_steps with the model still calling tools; the execution. The stream ends. */
        ExecutionIncompleteEvent: components["schemas"]["Execution"] & {
            /** @constant */
            status?: "incomplete";
        };
        /** @description Letters, digits, underscores and hyphens, starting with a letter or underscore; tools refer to it as {{secrets.NAME}}. */
        SecretName: string;
        /** @description The secret itself; accepted on writes, never returned. */
        SecretValue: string;
        Secret: {
            name: components["schemas"]["SecretName"];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /**
             * Format: date-time
             * @description When a tool last used the secret; null if never.
             */
            last_used_at: string | null;
        };
        /** @example support-triage */
        ListingSlug: string;
        /** @example 1.2.0 */
        SemanticVersion: string;
        /**
         * @description A listing: an agent template a tenant publishes. Other tenants see it once a version is published;
         *     its publisher sees it always (`status: draft` before). Who published it is not shown to others:
         *     `owned` says only whether the caller did.
         */
        MarketplaceListing: {
            slug: components["schemas"]["ListingSlug"];
            name: string;
            summary: string;
            /** @description Markdown. */
            description: string;
            category: string;
            tags: string[];
            /**
             * @description draft: no version published yet (only its publisher sees it).
             * @enum {string}
             */
            status: "draft" | "published";
            /** @description The caller published it. */
            owned: boolean;
            /** @description The greatest published version that is not yanked (absent when there is none). */
            latest_version?: components["schemas"]["SemanticVersion"];
            /** Format: int64 */
            install_count: number;
            /** Format: int64 */
            download_count: number;
            rating: {
                /** Format: int64 */
                count: number;
                /** @description The mean of the stars, to two decimals; null without ratings. */
                mean: number | null;
            };
            published_at?: components["schemas"]["Timestamp"];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /** @description One check of a version's validation. */
        MarketplaceCheck: {
            /**
             * @description validation_failed: the validation itself failed on its last attempt (the version is rejected
             *     rather than left validating); the other checks are then absent.
             * @enum {string}
             */
            check: "input_schemas" | "javascript_compiles" | "javascript_scan" | "http_egress" | "no_embedded_secrets" | "example_prompts" | "tool_kinds" | "validation_failed";
            passed: boolean;
            message: string;
            /** @description What failed, where: `failures`, each with a tool name, a JSON pointer or a prompt. */
            details?: Record<string, unknown>;
        };
        /**
         * @description A version of a listing: an immutable package of the agent and its tools. `validating` until the
         *     background validation has run every check, then `published` or `rejected` (with the report). Other
         *     tenants see published versions only, and never a report.
         */
        MarketplaceVersion: {
            listing: components["schemas"]["ListingSlug"];
            version: components["schemas"]["SemanticVersion"];
            /** @enum {string} */
            status: "validating" | "published" | "rejected";
            /** @description Yanked: installs made keep working; new installs are refused (410). */
            yanked: boolean;
            yanked_at?: components["schemas"]["Timestamp"];
            changelog: string;
            example_prompts: string[];
            /** @description The SHA-256 of the package (its ETag). */
            package_sha256: string;
            /** @description The validation's checks (the publisher's eyes only; absent while validating). */
            report?: components["schemas"]["MarketplaceCheck"][];
            created_at: components["schemas"]["Timestamp"];
            validated_at?: components["schemas"]["Timestamp"];
        };
        /**
         * @example {
         *       "slug": "support-triage",
         *       "name": "Support triage",
         *       "summary": "Sorts incoming tickets by urgency and team",
         *       "description": "# Support triage\nReads a ticket, asks the calculator for SLA hours, answers with a queue.",
         *       "category": "support",
         *       "tags": [
         *         "tickets",
         *         "email"
         *       ]
         *     }
         */
        MarketplaceListingInput: {
            slug: components["schemas"]["ListingSlug"];
            name: components["schemas"]["MarketplaceListingName"];
            summary: components["schemas"]["MarketplaceListingSummary"];
            description?: components["schemas"]["MarketplaceListingDescription"];
            category: components["schemas"]["MarketplaceListingCategory"];
            tags?: components["schemas"]["MarketplaceListingTags"];
        };
        /**
         * @description Only the fields present change.
         * @example {
         *       "summary": "Sorts incoming tickets by urgency, team and language",
         *       "tags": [
         *         "tickets",
         *         "email",
         *         "i18n"
         *       ]
         *     }
         */
        MarketplaceListingChanges: {
            name?: components["schemas"]["MarketplaceListingName"];
            summary?: components["schemas"]["MarketplaceListingSummary"];
            description?: components["schemas"]["MarketplaceListingDescription"];
            category?: components["schemas"]["MarketplaceListingCategory"];
            tags?: components["schemas"]["MarketplaceListingTags"];
        };
        MarketplaceListingName: string;
        MarketplaceListingSummary: string;
        /**
         * @description Markdown.
         * @default
         */
        MarketplaceListingDescription: string;
        MarketplaceListingCategory: string;
        /** @default [] */
        MarketplaceListingTags: string[];
        /**
         * @example {
         *       "version": "1.2.0",
         *       "agent_id": "9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
         *       "changelog": "Answers in the customer's language.",
         *       "example_prompts": [
         *         "use calc with {\"expression\": \"24 * 3\"}"
         *       ]
         *     }
         */
        MarketplaceVersionInput: {
            version: components["schemas"]["SemanticVersion"];
            /** @default  */
            changelog?: string;
            /** @description The caller's agent to package, with its tools, as they are now. */
            agent_id: components["schemas"]["Uuid"];
            /**
             * @description Prompts the validation runs against the mock model; each must run without error.
             * @default []
             */
            example_prompts?: string[];
        };
        /**
         * @description An agent and its tools as published: each tool as a `POST /api/v1/tools` body (its kind's fields
         *     only), in name order. Secrets are `{{secrets.NAME}}` references.
         * @example {
         *       "format": "mini-agent-platform/agent-package@1",
         *       "agent": {
         *         "name": "triager",
         *         "role": "Support triage",
         *         "description": "Sorts tickets by urgency."
         *       },
         *       "tools": [
         *         {
         *           "name": "calc",
         *           "description": "Evaluates arithmetic",
         *           "kind": "builtin",
         *           "builtin": "calculator",
         *           "input_schema": {
         *             "type": "object",
         *             "properties": {
         *               "expression": {
         *                 "type": "string"
         *               }
         *             },
         *             "required": [
         *               "expression"
         *             ]
         *           }
         *         },
         *         {
         *           "name": "crm-lookup",
         *           "description": "Finds the customer of a ticket",
         *           "kind": "http",
         *           "input_schema": {
         *             "type": "object",
         *             "properties": {
         *               "id": {
         *                 "type": "string"
         *               }
         *             },
         *             "required": [
         *               "id"
         *             ]
         *           },
         *           "http": {
         *             "method": "GET",
         *             "url": "https://crm.example.com/customers/{id}",
         *             "headers": {
         *               "Authorization": "Bearer {{secrets.CRM_TOKEN}}"
         *             },
         *             "query": {},
         *             "timeout_ms": 10000,
         *             "max_response_bytes": 65536
         *           }
         *         }
         *       ]
         *     }
         */
        MarketplacePackage: {
            /** @constant */
            format: "mini-agent-platform/agent-package@1";
            agent: {
                name: string;
                role: string;
                description: string;
            };
            tools: {
                name: string;
                description: string;
                kind: string;
                input_schema: Record<string, unknown>;
                /** @description kind builtin. */
                builtin?: string;
                /** @description kind javascript. */
                code?: string;
                /**
                 * Format: int64
                 * @description kind javascript.
                 */
                timeout_ms?: number;
                /** @description kind http: its request template. */
                http?: Record<string, unknown>;
            }[];
        };
        /**
         * @example {
         *       "algorithm": "ed25519",
         *       "key_id": "3f8c2a9d41e07b65",
         *       "public_key": "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
         *       "public_key_pem": "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n"
         *     }
         */
        MarketplaceSigningKey: {
            /** @constant */
            algorithm: "ed25519";
            /** @description The first 16 hex digits of the SHA-256 of the raw public key. */
            key_id: string;
            /** @description The raw 32-byte public key, base64. */
            public_key: string;
            /** @description The key as SubjectPublicKeyInfo PEM. */
            public_key_pem: string;
        };
        MarketplaceInstallRequest: {
            /** @description Default the greatest published version that is not yanked. */
            version?: components["schemas"]["SemanticVersion"];
            /** @description The new agent's name; default the package's. */
            agent_name?: components["schemas"]["EntityName"];
        };
        /**
         * @example {
         *       "agent": {
         *         "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *         "name": "support-triage",
         *         "role": "Customer support",
         *         "description": "Sorts incoming tickets and drafts a first answer",
         *         "tools": [
         *           {
         *             "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *             "name": "lookup-order",
         *             "description": "Looks up an order"
         *           }
         *         ],
         *         "source": {
         *           "listing": "support-triage",
         *           "version": "1.2.0",
         *           "package_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         *           "installed_at": "2025-01-01T12:00:00.000Z"
         *         },
         *         "created_at": "2025-01-01T12:00:00.000Z",
         *         "updated_at": "2025-01-01T12:00:00.000Z"
         *       },
         *       "missing_secrets": [
         *         "SHOP_TOKEN"
         *       ]
         *     }
         */
        MarketplaceInstall: {
            agent: components["schemas"]["Agent"];
            /** @description Secrets the tools refer to that the tenant has not defined (POST /api/v1/secrets). */
            missing_secrets: string[];
        };
        MarketplaceUpgradeRequest: {
            version: components["schemas"]["SemanticVersion"];
            /**
             * @description Answer the plan; change nothing.
             * @default false
             */
            dry_run?: boolean;
            /**
             * @description With conflicts, apply the rest and keep the tenant's values (instead of 409).
             * @default false
             */
            keep_local_edits?: boolean;
        };
        /**
         * @description One difference: a field of the agent (`field` only), a tool added or removed (`tool` only), or a
         *     field of a tool (`tool` and `field`: description, input_schema, kind, or a field of its kind such as
         *     code or http). `installed`, `target` and `current` are the values in the installed package, the new
         *     version and the agent now. A conflict has a `reason`: edited_locally, deleted_locally (the tenant
         *     deleted the tool), name_taken (a tool of the tenant has the new tool's name), kind_changed (a tool's
         *     kind cannot change in place).
         */
        MarketplaceUpgradeChange: {
            tool?: string;
            field?: string;
            /** @enum {string} */
            change: "added" | "removed" | "modified";
            /** @enum {string} */
            reason?: "edited_locally" | "deleted_locally" | "name_taken" | "kind_changed";
            /** @description The value in the installed package. */
            installed?: unknown;
            /** @description The value in the new version. */
            target?: unknown;
            /** @description The agent's value now (conflicts). */
            current?: unknown;
        };
        /**
         * @example {
         *       "agent": {
         *         "id": "8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d",
         *         "name": "support-triage",
         *         "role": "Customer support",
         *         "description": "Sorts incoming tickets and drafts a first answer",
         *         "tools": [
         *           {
         *             "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *             "name": "lookup-order",
         *             "description": "Looks up an order"
         *           }
         *         ],
         *         "source": {
         *           "listing": "support-triage",
         *           "version": "1.3.0",
         *           "package_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         *           "installed_at": "2025-01-01T12:00:00.000Z",
         *           "upgraded_at": "2025-02-01T12:00:00.000Z"
         *         },
         *         "created_at": "2025-01-01T12:00:00.000Z",
         *         "updated_at": "2025-02-01T12:00:00.000Z"
         *       },
         *       "from_version": "1.2.0",
         *       "to_version": "1.3.0",
         *       "dry_run": false,
         *       "applied": true,
         *       "changes": [
         *         {
         *           "field": "description",
         *           "change": "modified",
         *           "installed": "Sorts incoming tickets",
         *           "target": "Sorts incoming tickets and drafts a first answer"
         *         }
         *       ],
         *       "conflicts": [
         *         {
         *           "tool": "lookup-order",
         *           "field": "http",
         *           "change": "modified",
         *           "reason": "edited_locally",
         *           "installed": {
         *             "method": "GET",
         *             "url": "https://api.example.com/orders/{id}"
         *           },
         *           "target": {
         *             "method": "GET",
         *             "url": "https://api.example.com/v2/orders/{id}"
         *           },
         *           "current": {
         *             "method": "GET",
         *             "url": "https://eu.example.com/orders/{id}"
         *           }
         *         }
         *       ],
         *       "missing_secrets": []
         *     }
         */
        MarketplaceUpgrade: {
            /** @description The agent after the upgrade (as it is, for a dry run). */
            agent: components["schemas"]["Agent"];
            from_version: components["schemas"]["SemanticVersion"];
            to_version: components["schemas"]["SemanticVersion"];
            dry_run: boolean;
            /** @description false for a dry run. */
            applied: boolean;
            /** @description What the upgrade applies (a dry run, would apply). */
            changes: components["schemas"]["MarketplaceUpgradeChange"][];
            /** @description Local edits kept (with keep_local_edits), or that a dry run found. */
            conflicts: components["schemas"]["MarketplaceUpgradeChange"][];
            /** @description Secrets the new version's tools refer to that the tenant has not defined. */
            missing_secrets: string[];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "slug": "support-triage",
         *           "name": "Support triage",
         *           "summary": "Sorts incoming support email by urgency and drafts first answers.",
         *           "description": "Reads each message, labels it, and drafts a reply.",
         *           "category": "support",
         *           "tags": [
         *             "email",
         *             "triage"
         *           ],
         *           "status": "published",
         *           "owned": false,
         *           "latest_version": "1.2.0",
         *           "install_count": 42,
         *           "download_count": 57,
         *           "rating": {
         *             "count": 5,
         *             "mean": 4.4
         *           },
         *           "published_at": "2025-06-01T09:30:00.000Z",
         *           "created_at": "2025-05-30T17:02:11.000Z",
         *           "updated_at": "2025-06-03T08:00:00.000Z"
         *         }
         *       ],
         *       "sort": "relevance",
         *       "limit": 20,
         *       "has_more": false,
         *       "next_cursor": null
         *     }
         */
        MarketplaceSearchPage: {
            items: components["schemas"]["MarketplaceListing"][];
            /**
             * @description The order applied (relevance without q is newest).
             * @enum {string}
             */
            sort: "relevance" | "installs" | "rating" | "newest";
            /** Format: int32 */
            limit: number;
            has_more: boolean;
            /** @description The cursor of the next page when has_more, else null. */
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "listing": {
         *         "slug": "support-triage",
         *         "name": "Support triage",
         *         "summary": "Sorts incoming support email by urgency and drafts first answers.",
         *         "description": "Reads each message, labels it, and drafts a reply.",
         *         "category": "support",
         *         "tags": [
         *           "email",
         *           "triage"
         *         ],
         *         "status": "published",
         *         "owned": false,
         *         "latest_version": "1.2.0",
         *         "install_count": 42,
         *         "download_count": 57,
         *         "rating": {
         *           "count": 5,
         *           "mean": 4.4
         *         },
         *         "published_at": "2025-06-01T09:30:00.000Z",
         *         "created_at": "2025-05-30T17:02:11.000Z",
         *         "updated_at": "2025-06-03T08:00:00.000Z"
         *       },
         *       "versions": [
         *         {
         *           "listing": "support-triage",
         *           "version": "1.2.0",
         *           "status": "published",
         *           "yanked": false,
         *           "changelog": "Drafts answers in the customer's language.",
         *           "example_prompts": [
         *             "Triage the latest unread message."
         *           ],
         *           "package_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
         *           "created_at": "2025-06-03T07:58:00.000Z",
         *           "validated_at": "2025-06-03T08:00:00.000Z"
         *         }
         *       ]
         *     }
         */
        MarketplaceListingDetail: {
            listing: components["schemas"]["MarketplaceListing"];
            /** @description Newest first; reports only for the publisher. */
            versions: components["schemas"]["MarketplaceVersion"][];
            /** @description The caller's own rating of the listing (absent when it has not rated it). */
            my_rating?: components["schemas"]["MarketplaceRating"];
        };
        /**
         * @description A tenant's rating of a listing (its own only; nobody sees who else rated).
         * @example {
         *       "listing": "support-triage",
         *       "stars": 4,
         *       "review": "Sorted our inbox in a day.",
         *       "created_at": "2025-06-04T10:00:00.000Z",
         *       "updated_at": "2025-06-04T10:00:00.000Z"
         *     }
         */
        MarketplaceRating: {
            listing: components["schemas"]["ListingSlug"];
            /** Format: int32 */
            stars: number;
            review: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /** @description Lower case letters, digits, `_` and `-`, at most 32; the prefix of the server's tool names. */
        McpServerName: string;
        /**
         * @description Headers sent on every request to the server. A value may refer to a secret as `{{secrets.NAME}}`
         *     (resolved per use, never stored or returned resolved). Framing, hop-by-hop, forwarding and the MCP
         *     transport's own headers (accept, content-type, mcp-session-id, mcp-protocol-version) cannot be set.
         */
        McpHeaders: {
            [key: string]: string;
        };
        McpServerInput: {
            name: components["schemas"]["McpServerName"];
            /** @description The server's streamable HTTP endpoint (https; http only where the operator allows it). */
            url: string;
            headers?: components["schemas"]["McpHeaders"];
        };
        McpServerTool: {
            id: components["schemas"]["Uuid"];
            /** @description The tool's name in the catalog (`<server>_<tool>` unless renamed). */
            name: string;
            /** @description The tool's name on the server. */
            remote_name: string;
            description: string;
            input_schema: Record<string, unknown>;
        };
        McpServer: {
            id: components["schemas"]["Uuid"];
            name: string;
            url: string;
            /** @description As registered (secret references, never their values). */
            headers: {
                [key: string]: string;
            };
            tools: components["schemas"]["McpServerTool"][];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /** @description A server after registration or refresh, with the listed tools that were not materialised. */
        McpServerSynced: {
            id: components["schemas"]["Uuid"];
            name: string;
            url: string;
            /** @description As registered (secret references, never their values). */
            headers: {
                [key: string]: string;
            };
            tools: components["schemas"]["McpServerTool"][];
            skipped_tools: {
                remote_name: string;
                /** @description Why the platform did not accept the tool. */
                reason: string;
            }[];
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /**
         * @description Kind mcp only (the mcp plugin), read-only: made by registering an MCP server, not through
         *     /api/v1/tools (a PATCH may change only name and description). Each call opens an MCP session to `url`
         *     through the egress policy and calls `tool`.
         */
        McpToolBinding: {
            server_id: components["schemas"]["Uuid"];
            url: string;
            headers: {
                [key: string]: string;
            };
            /** @description The tool's name on the server. */
            tool: string;
        };
        ToolImportRequest: {
            /**
             * @description Where the tools send their requests: scheme, host, optional port and path prefix, no query,
             *     fragment or credentials (`https://api.example.com/v2`); each tool's URL is this followed by its
             *     operation's path. The document's `servers` are not used. Checked as every http tool's URL is (the
             *     egress policy: https only unless the operator allows http, no private or loopback address).
             * @example https://api.example.com/v1
             */
            base_url: string;
            document: components["schemas"]["ToolImportDocument"];
            /**
             * @description The operations to import, each an operationId or, for an operation without one, `"METHOD /path"`
             *     as in the document (`"GET /pets/{petId}"`). Absent: every importable operation.
             */
            operations?: string[];
        };
        /**
         * @description The OpenAPI 3.x document: its JSON or YAML text, or the JSON object itself. At most 1 MiB of UTF-8
         *     (the text, or the object as JSON): OPENAPI_IMPORT_DOCUMENT_TOO_LARGE otherwise; the request body
         *     may be up to 2 MiB (PAYLOAD_TOO_LARGE), room for a 1 MiB text with its JSON escapes.
         */
        ToolImportDocument: string | Record<string, unknown>;
        /** @description A tool as the import would create it (as a Tool, without id and timestamps). */
        ToolPreview: {
            name: string;
            description: string;
            kind: components["schemas"]["ToolKind"];
            input_schema: components["schemas"]["ToolInputSchema"];
            http: components["schemas"]["HttpToolConfig"];
        };
        /** @description An imported operation, the tool it became, and what that tool does not send. */
        ImportedOperation: {
            /** @description The operation's operationId; absent when it has none. */
            operation_id?: string;
            /** @enum {string} */
            method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD";
            /** @description As in the document: /pets/{petId}. */
            path: string;
            tool_name: string;
            /** @description Optional parameters (or an optional non-JSON body) the tool leaves out, and why. */
            skipped: {
                /**
                 * @description The parameter's `in`, or `body` for the request body.
                 * @enum {string}
                 */
                location: "path" | "query" | "header" | "cookie" | "body";
                name: string;
                reason: string;
            }[];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "id": "5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b",
         *           "name": "getPet",
         *           "description": "Get a pet",
         *           "kind": "http",
         *           "input_schema": {
         *             "type": "object",
         *             "properties": {
         *               "petId": {
         *                 "type": "string"
         *               },
         *               "fields": {
         *                 "type": "string"
         *               },
         *               "X_Trace_Id": {
         *                 "type": "string",
         *                 "description": "The header parameter \"X-Trace-Id\"."
         *               }
         *             },
         *             "required": [
         *               "petId"
         *             ],
         *             "additionalProperties": false
         *           },
         *           "http": {
         *             "method": "GET",
         *             "url": "https://api.example.com/v1/pets/{petId}",
         *             "headers": {
         *               "X-Trace-Id": "{X_Trace_Id?}"
         *             },
         *             "query": {
         *               "fields": "{fields?}"
         *             },
         *             "timeout_ms": 10000,
         *             "max_response_bytes": 65536
         *           },
         *           "created_at": "2025-01-01T12:00:00.000Z",
         *           "updated_at": "2025-01-01T12:00:00.000Z"
         *         }
         *       ],
         *       "operations": [
         *         {
         *           "operation_id": "getPet",
         *           "method": "GET",
         *           "path": "/pets/{petId}",
         *           "tool_name": "getPet",
         *           "skipped": []
         *         }
         *       ]
         *     }
         */
        ToolImportResult: {
            /** @description The created tools, as GET /api/v1/tools lists them. */
            items: components["schemas"]["Tool"][];
            /** @description For each created tool, in the same order, the operation it came from. */
            operations: components["schemas"]["ImportedOperation"][];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "name": "createPet",
         *           "description": "Add a pet",
         *           "kind": "http",
         *           "input_schema": {
         *             "type": "object",
         *             "properties": {
         *               "body": {
         *                 "type": "object",
         *                 "required": [
         *                   "name"
         *                 ],
         *                 "properties": {
         *                   "name": {
         *                     "type": "string"
         *                   },
         *                   "tag": {
         *                     "type": "string"
         *                   }
         *                 }
         *               }
         *             },
         *             "required": [
         *               "body"
         *             ],
         *             "additionalProperties": false
         *           },
         *           "http": {
         *             "method": "POST",
         *             "url": "https://api.example.com/pets",
         *             "headers": {},
         *             "query": {},
         *             "body": "{body}",
         *             "timeout_ms": 10000,
         *             "max_response_bytes": 65536
         *           }
         *         }
         *       ],
         *       "operations": [
         *         {
         *           "operation_id": "createPet",
         *           "method": "POST",
         *           "path": "/pets",
         *           "tool_name": "createPet",
         *           "skipped": []
         *         }
         *       ]
         *     }
         */
        ToolImportPreview: {
            /** @description The tools the call would create, in the document's order. */
            items: components["schemas"]["ToolPreview"][];
            /** @description For each tool, in the same order, the operation it would come from. */
            operations: components["schemas"]["ImportedOperation"][];
        };
        /**
         * Format: uri
         * @description Where events are POSTed (https; plain http only where the operator allows it).
         */
        WebhookUrl: string;
        /** @description The run events the endpoint receives. */
        WebhookEvents: components["schemas"]["WebhookEventType"][];
        /**
         * @description A run event; its `data` is the event's as GET /executions/{id}/events shows it.
         * @enum {string}
         */
        WebhookEventType: "execution.created" | "execution.requires_action" | "execution.completed" | "execution.failed" | "execution.incomplete" | "execution.cancelled";
        /**
         * @example {
         *       "id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
         *       "url": "https://hooks.example.com/agent-runs",
         *       "events": [
         *         "execution.completed",
         *         "execution.failed"
         *       ],
         *       "enabled": false,
         *       "disabled_reason": "receiver_gone",
         *       "disabled_at": "2026-01-06T08:00:00.000Z",
         *       "created_at": "2026-01-05T10:00:00.000Z",
         *       "updated_at": "2026-01-06T08:00:00.000Z"
         *     }
         */
        Webhook: {
            id: components["schemas"]["Uuid"];
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            enabled: boolean;
            /**
             * @description receiver_gone: the receiver answered 410 Gone; manual: PATCH enabled: false.
             * @enum {string|null}
             */
            disabled_reason: "receiver_gone" | "manual" | null;
            /** Format: date-time */
            disabled_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /** @description A webhook as create answers it, with its signing secret. */
        WebhookWithSecret: {
            id: components["schemas"]["Uuid"];
            url: string;
            events: components["schemas"]["WebhookEventType"][];
            enabled: boolean;
            /** @enum {string|null} */
            disabled_reason: "receiver_gone" | "manual" | null;
            /** Format: date-time */
            disabled_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** @description The Standard Webhooks signing secret (base64 of 32 random bytes). Shown in this answer only. */
            secret: string;
        };
        /**
         * @description pending: an attempt is due (next_attempt_at); succeeded: a 2xx answer; failed: no more attempts.
         * @enum {string}
         */
        WebhookDeliveryStatus: "pending" | "succeeded" | "failed";
        /**
         * @example {
         *       "id": "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
         *       "webhook_id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
         *       "event_id": "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e:7",
         *       "event_type": "execution.completed",
         *       "execution_id": "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
         *       "status": "pending",
         *       "attempts": 2,
         *       "last_status_code": 503,
         *       "last_error_code": "HTTP_STATUS",
         *       "last_error": "The receiver answered 503.",
         *       "last_attempt_at": "2026-01-05T10:00:12.000Z",
         *       "next_attempt_at": "2026-01-05T10:00:27.000Z",
         *       "created_at": "2026-01-05T10:00:01.000Z",
         *       "updated_at": "2026-01-05T10:00:12.000Z"
         *     }
         */
        WebhookDelivery: {
            /** @description Also the `webhook-id` header of every attempt. */
            id: components["schemas"]["Uuid"];
            webhook_id: components["schemas"]["Uuid"];
            /** @description `<execution id>:<seq>` (the event in GET /executions/{id}/events), or `test:<uuid>`. */
            event_id: string;
            /** @description A WebhookEventType, or webhook.test. */
            event_type: string;
            /**
             * Format: uuid
             * @description The run the event is about; null for a test event or once the run is deleted.
             */
            execution_id: string | null;
            status: components["schemas"]["WebhookDeliveryStatus"];
            /** Format: int64 */
            attempts: number;
            /**
             * Format: int64
             * @description The HTTP status the receiver last answered; null when it gave no answer.
             */
            last_status_code: number | null;
            /**
             * @description Why the last attempt failed (null after a success or before any attempt): HTTP_STATUS (a non-2xx
             *     answer), RECEIVER_GONE (410: the webhook is now disabled), TIMEOUT, CONNECTION_FAILED, EGRESS_DENIED
             *     (the policy refuses the destination: not retried), WEBHOOK_DISABLED (not sent),
             *     SECRETS_KEY_UNAVAILABLE.
             */
            last_error_code: string | null;
            /** @description The last failure in words (never the response body, never a secret). */
            last_error: string | null;
            /** Format: date-time */
            last_attempt_at: string | null;
            /**
             * Format: date-time
             * @description When the next attempt is due (pending only).
             */
            next_attempt_at: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        /** @description Any problem document this API sends (RFC 9457, with error_code and details); each error response narrows it to the codes in its x-error-codes. */
        Problem: components["schemas"]["Problem_AGENT_NOT_FOUND"] | components["schemas"]["Problem_API_KEY_NOT_FOUND"] | components["schemas"]["Problem_BUDGET_EXCEEDED"] | components["schemas"]["Problem_CODE_DOES_NOT_COMPILE"] | components["schemas"]["Problem_DUPLICATE_AGENT_NAME"] | components["schemas"]["Problem_DUPLICATE_TOOL_NAME"] | components["schemas"]["Problem_EGRESS_DENIED"] | components["schemas"]["Problem_EXECUTION_NOT_FOUND"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_INTERNAL_ERROR"] | components["schemas"]["Problem_INVALID_ADMIN_TOKEN"] | components["schemas"]["Problem_INVALID_API_KEY"] | components["schemas"]["Problem_INVALID_CURSOR"] | components["schemas"]["Problem_INVALID_EXECUTION_STATE"] | components["schemas"]["Problem_INVALID_INPUT_SCHEMA"] | components["schemas"]["Problem_INVALID_METRICS_TOKEN"] | components["schemas"]["Problem_INVALID_MODEL"] | components["schemas"]["Problem_INVALID_TOOL_CONFIG"] | components["schemas"]["Problem_INVALID_TOOL_INPUT"] | components["schemas"]["Problem_INVALID_TOOL_OUTPUTS"] | components["schemas"]["Problem_MALFORMED_JSON"] | components["schemas"]["Problem_MARKETPLACE_AGENT_NOT_INSTALLED"] | components["schemas"]["Problem_MARKETPLACE_INSTALL_NAME_CONFLICT"] | components["schemas"]["Problem_MARKETPLACE_LISTING_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_LISTING_PUBLISHED"] | components["schemas"]["Problem_MARKETPLACE_NOT_PUBLISHER"] | components["schemas"]["Problem_MARKETPLACE_OWN_LISTING_RATING"] | components["schemas"]["Problem_MARKETPLACE_PACKAGE_NOT_INSTALLABLE"] | components["schemas"]["Problem_MARKETPLACE_RATING_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_SIGNING_KEY_UNAVAILABLE"] | components["schemas"]["Problem_MARKETPLACE_SLUG_RESERVED"] | components["schemas"]["Problem_MARKETPLACE_SLUG_TAKEN"] | components["schemas"]["Problem_MARKETPLACE_UNKNOWN_AGENT"] | components["schemas"]["Problem_MARKETPLACE_UNPACKAGEABLE_TOOLS"] | components["schemas"]["Problem_MARKETPLACE_UPGRADE_CONFLICT"] | components["schemas"]["Problem_MARKETPLACE_UPGRADE_NOT_NEWER"] | components["schemas"]["Problem_MARKETPLACE_UPGRADE_RACED"] | components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_GREATER"] | components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_PUBLISHED"] | components["schemas"]["Problem_MARKETPLACE_VERSION_YANKED"] | components["schemas"]["Problem_MCP_INVALID_SERVER_CONFIG"] | components["schemas"]["Problem_MCP_SERVER_IN_USE"] | components["schemas"]["Problem_MCP_SERVER_NAME_TAKEN"] | components["schemas"]["Problem_MCP_SERVER_NOT_FOUND"] | components["schemas"]["Problem_MCP_SERVER_UNREACHABLE"] | components["schemas"]["Problem_MCP_TOOL_NAME_COLLISION"] | components["schemas"]["Problem_METHOD_NOT_ALLOWED"] | components["schemas"]["Problem_NOT_ACCEPTABLE"] | components["schemas"]["Problem_NOT_FOUND"] | components["schemas"]["Problem_OPENAPI_IMPORT_DOCUMENT_TOO_LARGE"] | components["schemas"]["Problem_OPENAPI_IMPORT_INVALID_DOCUMENT"] | components["schemas"]["Problem_OPENAPI_IMPORT_NAME_CONFLICT"] | components["schemas"]["Problem_OPENAPI_IMPORT_TOO_MANY_OPERATIONS"] | components["schemas"]["Problem_OPENAPI_IMPORT_UNKNOWN_OPERATIONS"] | components["schemas"]["Problem_PAYLOAD_TOO_LARGE"] | components["schemas"]["Problem_PRECONDITION_FAILED"] | components["schemas"]["Problem_PROVIDER_ERROR"] | components["schemas"]["Problem_PROVIDER_TIMEOUT"] | components["schemas"]["Problem_RATE_LIMIT_EXCEEDED"] | components["schemas"]["Problem_RUN_CANCELLED"] | components["schemas"]["Problem_SECRETS_IN_USE"] | components["schemas"]["Problem_SECRETS_KEY_UNAVAILABLE"] | components["schemas"]["Problem_SECRETS_NAME_TAKEN"] | components["schemas"]["Problem_SECRETS_NOT_FOUND"] | components["schemas"]["Problem_SERVICE_UNAVAILABLE"] | components["schemas"]["Problem_TENANT_BUSY"] | components["schemas"]["Problem_TENANT_NOT_FOUND"] | components["schemas"]["Problem_TENANT_SUSPENDED"] | components["schemas"]["Problem_TOOL_CHANGED_CONCURRENTLY"] | components["schemas"]["Problem_TOOL_IN_USE"] | components["schemas"]["Problem_TOOL_KIND_IMMUTABLE"] | components["schemas"]["Problem_TOOL_NOT_EXECUTABLE"] | components["schemas"]["Problem_TOOL_NOT_FOUND"] | components["schemas"]["Problem_UNKNOWN_TOOL"] | components["schemas"]["Problem_UNSUPPORTED_MEDIA_TYPE"] | components["schemas"]["Problem_USAGE_RANGE_TOO_LARGE"] | components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_WEBHOOKS_DELIVERY_NOT_FOUND"] | components["schemas"]["Problem_WEBHOOKS_DISABLED"] | components["schemas"]["Problem_WEBHOOKS_NOT_FOUND"] | components["schemas"]["Problem_WORKER_LOST"];
        /** @description Agent not found (AGENT_NOT_FOUND). */
        Problem_AGENT_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:AGENT_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "AGENT_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description API key not found (API_KEY_NOT_FOUND). */
        Problem_API_KEY_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:API_KEY_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "API_KEY_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description The run would cross the tenant's monthly budget (BUDGET_EXCEEDED). */
        Problem_BUDGET_EXCEEDED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:BUDGET_EXCEEDED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 429;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "BUDGET_EXCEEDED";
            details: {
                /** @enum {string} */
                budget_kind: "tokens" | "cost_usd";
                /** @description The monthly budget of that kind. */
                budget: number;
                /** @description Used or reserved this month. */
                used: number;
                /** @description The run's worst case. */
                requested: number;
                period_end: components["schemas"]["Timestamp"];
                /**
                 * Format: int64
                 * @description Until the next month (Retry-After).
                 */
                retry_after_seconds: number;
                /** @description When a later step of a started run was refused: the run, now failed. */
                execution_id?: components["schemas"]["Uuid"];
            };
        };
        /** @description The tool's code does not compile (CODE_DOES_NOT_COMPILE). */
        Problem_CODE_DOES_NOT_COMPILE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:CODE_DOES_NOT_COMPILE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "CODE_DOES_NOT_COMPILE";
            details: {
                /** Format: int64 */
                line: number;
                /** Format: int64 */
                column: number;
                message: string;
            };
        };
        /** @description An agent with this name already exists (DUPLICATE_AGENT_NAME). */
        Problem_DUPLICATE_AGENT_NAME: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:DUPLICATE_AGENT_NAME";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "DUPLICATE_AGENT_NAME";
            details: {
                /** @description The name asked for. */
                name: string;
            };
        };
        /** @description A tool with this name already exists (DUPLICATE_TOOL_NAME). */
        Problem_DUPLICATE_TOOL_NAME: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:DUPLICATE_TOOL_NAME";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "DUPLICATE_TOOL_NAME";
            details: {
                /** @description The name asked for. */
                name: string;
            };
        };
        /** @description The egress policy refuses this destination (EGRESS_DENIED). */
        Problem_EGRESS_DENIED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:EGRESS_DENIED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "EGRESS_DENIED";
            details: {
                /** @description Why: scheme, userinfo, no-host, host-not-allowed (the tool's allowed_hosts), denied-host, denied-range, or the range of the address (loopback, private, linkLocal, uniqueLocal, carrierGradeNat, cloud-metadata, reserved, multicast, unspecified, ...). */
                reason: string;
                /** @description The URL's host, without brackets or trailing dot. */
                host: string;
                /** @description A JSON pointer into the request body: /http/url (an http tool), /url (an MCP server). */
                pointer: string;
            };
        };
        /** @description Execution not found (EXECUTION_NOT_FOUND). */
        Problem_EXECUTION_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:EXECUTION_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "EXECUTION_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description The request with this Idempotency-Key is still running (IDEMPOTENCY_KEY_IN_PROGRESS). */
        Problem_IDEMPOTENCY_KEY_IN_PROGRESS: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:IDEMPOTENCY_KEY_IN_PROGRESS";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "IDEMPOTENCY_KEY_IN_PROGRESS";
            details: {
                /** @description The Idempotency-Key. */
                key: string;
            };
        };
        /** @description The Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED). */
        Problem_IDEMPOTENCY_KEY_REUSED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:IDEMPOTENCY_KEY_REUSED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "IDEMPOTENCY_KEY_REUSED";
            details: {
                /** @description The Idempotency-Key. */
                key: string;
            };
        };
        /** @description Internal server error (INTERNAL_ERROR). */
        Problem_INTERNAL_ERROR: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INTERNAL_ERROR";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 500;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INTERNAL_ERROR";
            details: Record<string, unknown>;
        };
        /** @description Missing or invalid admin token (INVALID_ADMIN_TOKEN). */
        Problem_INVALID_ADMIN_TOKEN: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_ADMIN_TOKEN";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 401;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_ADMIN_TOKEN";
            details: Record<string, unknown>;
        };
        /** @description Missing or invalid API key (INVALID_API_KEY). */
        Problem_INVALID_API_KEY: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_API_KEY";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 401;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_API_KEY";
            details: Record<string, unknown>;
        };
        /** @description The pagination cursor is not valid for this request (INVALID_CURSOR). */
        Problem_INVALID_CURSOR: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_CURSOR";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 400;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_CURSOR";
            details: {
                /** @description Why: it does not decode, or was issued for other filters. */
                reason: string;
            };
        };
        /** @description The execution is not in a state that allows this (INVALID_EXECUTION_STATE). */
        Problem_INVALID_EXECUTION_STATE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_EXECUTION_STATE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_EXECUTION_STATE";
            details: {
                execution_id: components["schemas"]["Uuid"];
                /**
                 * @description The status it is in (for tool outputs: not requires_action; for cancel: a final one).
                 * @enum {string}
                 */
                status: "queued" | "running" | "requires_action" | "completed" | "failed" | "incomplete" | "cancelled" | "expired";
            };
        };
        /** @description The input_schema is not an accepted JSON Schema (INVALID_INPUT_SCHEMA). */
        Problem_INVALID_INPUT_SCHEMA: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_INPUT_SCHEMA";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_INPUT_SCHEMA";
            details: {
                errors: {
                    /** @description A JSON pointer to the problem: into the tool (/input_schema/properties/a) or into the input (/a). */
                    pointer: string;
                    message: string;
                }[];
            };
        };
        /** @description Missing or invalid metrics token (INVALID_METRICS_TOKEN). */
        Problem_INVALID_METRICS_TOKEN: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_METRICS_TOKEN";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 401;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_METRICS_TOKEN";
            details: Record<string, unknown>;
        };
        /** @description Unknown model (INVALID_MODEL). */
        Problem_INVALID_MODEL: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_MODEL";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 400;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_MODEL";
            details: {
                provided_model: string;
                allowed_models: string[];
            };
        };
        /** @description The tool's kind or its fields are invalid (INVALID_TOOL_CONFIG). */
        Problem_INVALID_TOOL_CONFIG: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_TOOL_CONFIG";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_TOOL_CONFIG";
            details: {
                errors: {
                    /** @description A JSON pointer to the problem: into the tool (/input_schema/properties/a) or into the input (/a). */
                    pointer: string;
                    message: string;
                }[];
            };
        };
        /** @description The input does not match the tool's input_schema (INVALID_TOOL_INPUT). */
        Problem_INVALID_TOOL_INPUT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_TOOL_INPUT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_TOOL_INPUT";
            details: {
                errors: {
                    /** @description A JSON pointer to the problem: into the tool (/input_schema/properties/a) or into the input (/a). */
                    pointer: string;
                    message: string;
                }[];
            };
        };
        /** @description The tool outputs do not answer exactly the calls the execution waits for (INVALID_TOOL_OUTPUTS). */
        Problem_INVALID_TOOL_OUTPUTS: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:INVALID_TOOL_OUTPUTS";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "INVALID_TOOL_OUTPUTS";
            details: {
                /** @description Calls the execution waits for that no output answers. */
                missing_tool_call_ids: string[];
                /** @description Outputs for calls the execution does not wait for (or a second output for one call). */
                unknown_tool_call_ids: string[];
            };
        };
        /** @description The request body is not valid JSON (MALFORMED_JSON). */
        Problem_MALFORMED_JSON: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MALFORMED_JSON";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 400;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MALFORMED_JSON";
            details: {
                /** @description One entry per failing field; empty for malformed JSON or a value the database refused. */
                errors: {
                    /** @description Where the value is, e.g. /body/name or /query/limit. */
                    path: string;
                    message: string;
                }[];
            };
        };
        /** @description The agent was not installed from the marketplace (MARKETPLACE_AGENT_NOT_INSTALLED). */
        Problem_MARKETPLACE_AGENT_NOT_INSTALLED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_AGENT_NOT_INSTALLED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_AGENT_NOT_INSTALLED";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description Names of the package are taken (MARKETPLACE_INSTALL_NAME_CONFLICT). */
        Problem_MARKETPLACE_INSTALL_NAME_CONFLICT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_INSTALL_NAME_CONFLICT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_INSTALL_NAME_CONFLICT";
            details: {
                /** @description The agent's name, when an agent of the tenant has it (give agent_name). */
                agent_names: string[];
                /** @description The package's tool names that tools of the tenant already have. */
                tool_names: string[];
            };
        };
        /** @description Listing not found (MARKETPLACE_LISTING_NOT_FOUND). */
        Problem_MARKETPLACE_LISTING_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_LISTING_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_LISTING_NOT_FOUND";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description A published listing cannot be deleted (MARKETPLACE_LISTING_PUBLISHED). */
        Problem_MARKETPLACE_LISTING_PUBLISHED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_LISTING_PUBLISHED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_LISTING_PUBLISHED";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description Only its publisher may change this listing (MARKETPLACE_NOT_PUBLISHER). */
        Problem_MARKETPLACE_NOT_PUBLISHER: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_NOT_PUBLISHER";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 403;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_NOT_PUBLISHER";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description A publisher cannot rate its own listing (MARKETPLACE_OWN_LISTING_RATING). */
        Problem_MARKETPLACE_OWN_LISTING_RATING: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_OWN_LISTING_RATING";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 403;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_OWN_LISTING_RATING";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description The package cannot be installed here (MARKETPLACE_PACKAGE_NOT_INSTALLABLE). */
        Problem_MARKETPLACE_PACKAGE_NOT_INSTALLABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_PACKAGE_NOT_INSTALLABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_PACKAGE_NOT_INSTALLABLE";
            details: {
                /** @description The name of the tool refused. */
                tool: string;
                /** @description Why, as creating the tool would answer. */
                error_code: string;
                message: string;
            };
        };
        /** @description No rating of this listing by the tenant (MARKETPLACE_RATING_NOT_FOUND). */
        Problem_MARKETPLACE_RATING_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_RATING_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_RATING_NOT_FOUND";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description Packages cannot be signed now (MARKETPLACE_SIGNING_KEY_UNAVAILABLE). */
        Problem_MARKETPLACE_SIGNING_KEY_UNAVAILABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_SIGNING_KEY_UNAVAILABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 503;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_SIGNING_KEY_UNAVAILABLE";
            details: {
                /** @enum {string} */
                reason: "no_signing_key";
            };
        };
        /** @description The slug is reserved (MARKETPLACE_SLUG_RESERVED). */
        Problem_MARKETPLACE_SLUG_RESERVED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_SLUG_RESERVED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_SLUG_RESERVED";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description The slug is taken (MARKETPLACE_SLUG_TAKEN). */
        Problem_MARKETPLACE_SLUG_TAKEN: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_SLUG_TAKEN";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_SLUG_TAKEN";
            details: {
                slug: components["schemas"]["ListingSlug"];
            };
        };
        /** @description Unknown agent id (MARKETPLACE_UNKNOWN_AGENT). */
        Problem_MARKETPLACE_UNKNOWN_AGENT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_UNKNOWN_AGENT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_UNKNOWN_AGENT";
            details: {
                agent_id: components["schemas"]["Uuid"];
            };
        };
        /** @description The agent has tools a package cannot hold (MARKETPLACE_UNPACKAGEABLE_TOOLS). */
        Problem_MARKETPLACE_UNPACKAGEABLE_TOOLS: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_UNPACKAGEABLE_TOOLS";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_UNPACKAGEABLE_TOOLS";
            details: {
                tools: {
                    name: string;
                    kind: string;
                }[];
                packageable_kinds: string[];
            };
        };
        /** @description Local edits conflict with the upgrade (MARKETPLACE_UPGRADE_CONFLICT). */
        Problem_MARKETPLACE_UPGRADE_CONFLICT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_UPGRADE_CONFLICT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_UPGRADE_CONFLICT";
            details: {
                /** @description What the tenant changed that the new version changes too: kept, not overwritten. */
                conflicts: components["schemas"]["MarketplaceUpgradeChange"][];
                /** @description What the upgrade would apply without conflict. */
                changes: components["schemas"]["MarketplaceUpgradeChange"][];
            };
        };
        /** @description The version is not newer than the installed one (MARKETPLACE_UPGRADE_NOT_NEWER). */
        Problem_MARKETPLACE_UPGRADE_NOT_NEWER: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_UPGRADE_NOT_NEWER";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_UPGRADE_NOT_NEWER";
            details: {
                installed: components["schemas"]["SemanticVersion"];
                requested: components["schemas"]["SemanticVersion"];
            };
        };
        /** @description The agent changed during the upgrade (MARKETPLACE_UPGRADE_RACED). */
        Problem_MARKETPLACE_UPGRADE_RACED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_UPGRADE_RACED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_UPGRADE_RACED";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description Listing version not found (MARKETPLACE_VERSION_NOT_FOUND). */
        Problem_MARKETPLACE_VERSION_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_VERSION_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_VERSION_NOT_FOUND";
            details: {
                slug: components["schemas"]["ListingSlug"];
                version: components["schemas"]["SemanticVersion"];
            };
        };
        /** @description The version must be greater than the last (MARKETPLACE_VERSION_NOT_GREATER). */
        Problem_MARKETPLACE_VERSION_NOT_GREATER: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_VERSION_NOT_GREATER";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_VERSION_NOT_GREATER";
            details: {
                version: components["schemas"]["SemanticVersion"];
                latest: components["schemas"]["SemanticVersion"];
            };
        };
        /** @description The version is not published (MARKETPLACE_VERSION_NOT_PUBLISHED). */
        Problem_MARKETPLACE_VERSION_NOT_PUBLISHED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_VERSION_NOT_PUBLISHED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_VERSION_NOT_PUBLISHED";
            details: {
                slug: components["schemas"]["ListingSlug"];
                version: components["schemas"]["SemanticVersion"];
                /** @enum {string} */
                status: "validating" | "rejected";
            };
        };
        /** @description The version was yanked (MARKETPLACE_VERSION_YANKED). */
        Problem_MARKETPLACE_VERSION_YANKED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MARKETPLACE_VERSION_YANKED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 410;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MARKETPLACE_VERSION_YANKED";
            details: {
                slug: components["schemas"]["ListingSlug"];
                version: components["schemas"]["SemanticVersion"];
            };
        };
        /** @description The MCP server's URL or headers are invalid (MCP_INVALID_SERVER_CONFIG). */
        Problem_MCP_INVALID_SERVER_CONFIG: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MCP_INVALID_SERVER_CONFIG";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MCP_INVALID_SERVER_CONFIG";
            details: {
                errors: {
                    /** @description A JSON pointer into the request body. */
                    pointer: string;
                    message: string;
                }[];
            };
        };
        /** @description Agents use the server's tools (MCP_SERVER_IN_USE). */
        Problem_MCP_SERVER_IN_USE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MCP_SERVER_IN_USE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MCP_SERVER_IN_USE";
            details: {
                /** @description The agents linked to those tools: unlink them first. */
                dependent_agents: {
                    id: components["schemas"]["Uuid"];
                    name: string;
                }[];
                /** @description The tools the agents use. */
                tools: {
                    id: components["schemas"]["Uuid"];
                    name: string;
                }[];
            };
        };
        /** @description An MCP server with this name already exists (MCP_SERVER_NAME_TAKEN). */
        Problem_MCP_SERVER_NAME_TAKEN: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MCP_SERVER_NAME_TAKEN";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MCP_SERVER_NAME_TAKEN";
            details: {
                /** @description The name asked for. */
                name: string;
            };
        };
        /** @description MCP server not found (MCP_SERVER_NOT_FOUND). */
        Problem_MCP_SERVER_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MCP_SERVER_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MCP_SERVER_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description The MCP server could not be reached or did not list its tools (MCP_SERVER_UNREACHABLE). */
        Problem_MCP_SERVER_UNREACHABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MCP_SERVER_UNREACHABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 502;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MCP_SERVER_UNREACHABLE";
            details: {
                /** @description TIMEOUT, CONNECTION_FAILED, TOO_LARGE (an answer over the byte cap), HTTP_ERROR (the server answered an HTTP error), PROTOCOL_ERROR (not MCP, or a JSON-RPC error), SECRETS_UNRESOLVED or SECRETS_KEY_UNAVAILABLE (a header refers to a secret that cannot be used). */
                reason: string;
                /** @description What failed; never a secret value. */
                message: string;
            };
        };
        /** @description Two of the server's tools would get the same name (MCP_TOOL_NAME_COLLISION). */
        Problem_MCP_TOOL_NAME_COLLISION: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:MCP_TOOL_NAME_COLLISION";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "MCP_TOOL_NAME_COLLISION";
            details: {
                tools: {
                    /** @description The platform name both would get. */
                    name: string;
                    remote_names: string[];
                }[];
            };
        };
        /** @description Method not allowed on this resource (METHOD_NOT_ALLOWED). */
        Problem_METHOD_NOT_ALLOWED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:METHOD_NOT_ALLOWED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 405;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "METHOD_NOT_ALLOWED";
            details: Record<string, unknown>;
        };
        /** @description No acceptable representation (NOT_ACCEPTABLE). */
        Problem_NOT_ACCEPTABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:NOT_ACCEPTABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 406;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "NOT_ACCEPTABLE";
            details: {
                /** @description The media types this operation can answer with. */
                acceptable: string[];
            };
        };
        /** @description No such resource (NOT_FOUND). */
        Problem_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "NOT_FOUND";
            details: Record<string, unknown>;
        };
        /** @description The OpenAPI document is too large (OPENAPI_IMPORT_DOCUMENT_TOO_LARGE). */
        Problem_OPENAPI_IMPORT_DOCUMENT_TOO_LARGE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:OPENAPI_IMPORT_DOCUMENT_TOO_LARGE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 413;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "OPENAPI_IMPORT_DOCUMENT_TOO_LARGE";
            details: {
                /**
                 * Format: int64
                 * @description The largest document accepted, in bytes.
                 */
                limit_bytes: number;
                /**
                 * Format: int64
                 * @description This document's size, in bytes of UTF-8.
                 */
                size_bytes: number;
            };
        };
        /** @description The document cannot be imported (OPENAPI_IMPORT_INVALID_DOCUMENT). */
        Problem_OPENAPI_IMPORT_INVALID_DOCUMENT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:OPENAPI_IMPORT_INVALID_DOCUMENT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "OPENAPI_IMPORT_INVALID_DOCUMENT";
            details: {
                errors: {
                    /** @description A JSON pointer into the OpenAPI document: /paths/~1pets/get, /openapi; empty: all of it. */
                    pointer: string;
                    message: string;
                }[];
            };
        };
        /** @description Tool names conflict (OPENAPI_IMPORT_NAME_CONFLICT). */
        Problem_OPENAPI_IMPORT_NAME_CONFLICT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:OPENAPI_IMPORT_NAME_CONFLICT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "OPENAPI_IMPORT_NAME_CONFLICT";
            details: {
                /** @description Names the tenant's tools already have. */
                existing: string[];
                /** @description Names two or more selected operations would both get. */
                repeated: {
                    name: string;
                    /** @description The operations (operationId, or "METHOD /path") that would get it. */
                    operations: string[];
                }[];
            };
        };
        /** @description Too many operations for one import (OPENAPI_IMPORT_TOO_MANY_OPERATIONS). */
        Problem_OPENAPI_IMPORT_TOO_MANY_OPERATIONS: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:OPENAPI_IMPORT_TOO_MANY_OPERATIONS";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "OPENAPI_IMPORT_TOO_MANY_OPERATIONS";
            details: {
                /**
                 * Format: int64
                 * @description How many operations were selected.
                 */
                count: number;
                /**
                 * Format: int64
                 * @description The most one import creates.
                 */
                limit: number;
            };
        };
        /** @description Unknown operations (OPENAPI_IMPORT_UNKNOWN_OPERATIONS). */
        Problem_OPENAPI_IMPORT_UNKNOWN_OPERATIONS: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:OPENAPI_IMPORT_UNKNOWN_OPERATIONS";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "OPENAPI_IMPORT_UNKNOWN_OPERATIONS";
            details: {
                /** @description The entries that match no operationId (nor "METHOD /path") of the document. */
                operations: string[];
            };
        };
        /** @description The request body is too large (PAYLOAD_TOO_LARGE). */
        Problem_PAYLOAD_TOO_LARGE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:PAYLOAD_TOO_LARGE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 413;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "PAYLOAD_TOO_LARGE";
            details: {
                /**
                 * Format: int64
                 * @description The largest body accepted, in bytes.
                 */
                limit_bytes: number;
            };
        };
        /** @description The resource has changed since the version the request names (PRECONDITION_FAILED). */
        Problem_PRECONDITION_FAILED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:PRECONDITION_FAILED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 412;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "PRECONDITION_FAILED";
            details: {
                /** @description The resource's current ETag: GET it again, reapply the change, send it with this tag. */
                current_etag: string;
            };
        };
        /** @description The model provider failed (PROVIDER_ERROR). */
        Problem_PROVIDER_ERROR: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:PROVIDER_ERROR";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 502;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "PROVIDER_ERROR";
            details: {
                execution_id: components["schemas"]["Uuid"];
                provider: string;
                /**
                 * Format: int64
                 * @description The provider's HTTP status, when it answered one.
                 */
                upstream_status?: number;
            };
        };
        /** @description The model provider did not answer in time (PROVIDER_TIMEOUT). */
        Problem_PROVIDER_TIMEOUT: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:PROVIDER_TIMEOUT";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 504;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "PROVIDER_TIMEOUT";
            details: {
                execution_id: components["schemas"]["Uuid"];
                provider: string;
                /**
                 * Format: int64
                 * @description The provider's HTTP status, when it answered one.
                 */
                upstream_status?: number;
            };
        };
        /** @description Too many requests (RATE_LIMIT_EXCEEDED). */
        Problem_RATE_LIMIT_EXCEEDED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:RATE_LIMIT_EXCEEDED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 429;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "RATE_LIMIT_EXCEEDED";
            details: {
                /**
                 * @description The spent quota: the tenant's requests or runs, or this client address's failed authentications.
                 * @enum {string}
                 */
                quota: "requests" | "runs" | "authentication failures";
                /**
                 * Format: int64
                 * @description Requests the quota allows per window.
                 */
                limit: number;
                /** Format: int64 */
                window_seconds: number;
                /**
                 * Format: int64
                 * @description As the Retry-After header.
                 */
                retry_after_seconds: number;
            };
        };
        /** @description The run was cancelled before it finished (RUN_CANCELLED). */
        Problem_RUN_CANCELLED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:RUN_CANCELLED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 499;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "RUN_CANCELLED";
            details: {
                execution_id: components["schemas"]["Uuid"];
                provider: string;
                /**
                 * Format: int64
                 * @description The provider's HTTP status, when it answered one.
                 */
                upstream_status?: number;
            };
        };
        /** @description The secret is used by tools (SECRETS_IN_USE). */
        Problem_SECRETS_IN_USE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:SECRETS_IN_USE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "SECRETS_IN_USE";
            details: {
                /** @description The secret name asked for. */
                name: string;
                /** @description The tools whose configuration refers to the secret: change or delete each first. */
                dependent_tools: {
                    id: components["schemas"]["Uuid"];
                    name: string;
                }[];
            };
        };
        /** @description Secrets cannot be encrypted or decrypted now (SECRETS_KEY_UNAVAILABLE). */
        Problem_SECRETS_KEY_UNAVAILABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:SECRETS_KEY_UNAVAILABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 503;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "SECRETS_KEY_UNAVAILABLE";
            details: {
                /**
                 * @description no_master_key: SECRETS_MASTER_KEY is not set; unknown_key: the secret was encrypted with a master key not configured now; authentication_failed or malformed: the stored ciphertext does not open.
                 * @enum {string}
                 */
                reason: "no_master_key" | "unknown_key" | "authentication_failed" | "malformed";
            };
        };
        /** @description A secret with this name already exists (SECRETS_NAME_TAKEN). */
        Problem_SECRETS_NAME_TAKEN: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:SECRETS_NAME_TAKEN";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "SECRETS_NAME_TAKEN";
            details: {
                /** @description The secret name asked for. */
                name: string;
            };
        };
        /** @description Secret not found (SECRETS_NOT_FOUND). */
        Problem_SECRETS_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:SECRETS_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "SECRETS_NOT_FOUND";
            details: {
                /** @description The secret name asked for. */
                name: string;
            };
        };
        /** @description A dependency is unavailable (SERVICE_UNAVAILABLE). */
        Problem_SERVICE_UNAVAILABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:SERVICE_UNAVAILABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 503;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "SERVICE_UNAVAILABLE";
            details: {
                /** @enum {string} */
                reason: "database_unavailable" | "database_busy" | "statement_timeout" | "query_cancelled" | "rate_limiter_unavailable" | "authentication_unavailable" | "sandbox_unavailable" | "not_ready";
                /** @description With reason not_ready (GET /ready): which dependency is down. */
                checks?: components["schemas"]["ReadinessChecks"];
            };
        };
        /** @description The tenant's share of the database is in use; retry later (TENANT_BUSY). */
        Problem_TENANT_BUSY: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TENANT_BUSY";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 503;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TENANT_BUSY";
            details: {
                /** @enum {string} */
                reason: "queue_full" | "queue_timeout";
                /**
                 * Format: int64
                 * @description How many of the tenant's database operations run at once in this process.
                 */
                concurrency: number;
                /**
                 * Format: int64
                 * @description As the Retry-After header.
                 */
                retry_after_seconds: number;
            };
        };
        /** @description Tenant not found (TENANT_NOT_FOUND). */
        Problem_TENANT_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TENANT_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TENANT_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description The tenant is suspended (TENANT_SUSPENDED). */
        Problem_TENANT_SUSPENDED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TENANT_SUSPENDED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 403;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TENANT_SUSPENDED";
            details: Record<string, unknown>;
        };
        /** @description The tool changed while this change was checked (TOOL_CHANGED_CONCURRENTLY). */
        Problem_TOOL_CHANGED_CONCURRENTLY: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TOOL_CHANGED_CONCURRENTLY";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TOOL_CHANGED_CONCURRENTLY";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description The tool is used by agents (TOOL_IN_USE). */
        Problem_TOOL_IN_USE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TOOL_IN_USE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TOOL_IN_USE";
            details: {
                /** @description The agents linked to the tool: unlink it from each first. */
                dependent_agents: {
                    id: components["schemas"]["Uuid"];
                    name: string;
                }[];
            };
        };
        /** @description A tool's kind cannot change (TOOL_KIND_IMMUTABLE). */
        Problem_TOOL_KIND_IMMUTABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TOOL_KIND_IMMUTABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TOOL_KIND_IMMUTABLE";
            details: {
                /** @description The tool's kind. */
                kind: string;
                /** @description The kind the request names. */
                requested_kind: string;
            };
        };
        /** @description The platform does not run tools of this kind (TOOL_NOT_EXECUTABLE). */
        Problem_TOOL_NOT_EXECUTABLE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TOOL_NOT_EXECUTABLE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TOOL_NOT_EXECUTABLE";
            details: Record<string, unknown>;
        };
        /** @description Tool not found (TOOL_NOT_FOUND). */
        Problem_TOOL_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:TOOL_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "TOOL_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description Unknown tool ids (UNKNOWN_TOOL). */
        Problem_UNKNOWN_TOOL: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:UNKNOWN_TOOL";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 422;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "UNKNOWN_TOOL";
            details: {
                /** @description The ids that name no tool of this tenant. */
                tool_ids: components["schemas"]["Uuid"][];
            };
        };
        /** @description Unsupported content type (UNSUPPORTED_MEDIA_TYPE). */
        Problem_UNSUPPORTED_MEDIA_TYPE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:UNSUPPORTED_MEDIA_TYPE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 415;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "UNSUPPORTED_MEDIA_TYPE";
            details: Record<string, unknown>;
        };
        /** @description The usage range is longer than one report may sum (USAGE_RANGE_TOO_LARGE). */
        Problem_USAGE_RANGE_TOO_LARGE: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:USAGE_RANGE_TOO_LARGE";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 400;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "USAGE_RANGE_TOO_LARGE";
            details: {
                /**
                 * Format: int64
                 * @description The longest range one report sums, in days (366).
                 */
                max_days: number;
                /**
                 * Format: int64
                 * @description The length of the range asked for, in days, rounded up.
                 */
                requested_days: number;
                /** @description Start of the range asked for (the default when `from` was absent). */
                from: string;
                /** @description End of the range asked for. */
                to: string;
            };
        };
        /** @description The request does not match the API contract (VALIDATION_ERROR). */
        Problem_VALIDATION_ERROR: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:VALIDATION_ERROR";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 400;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "VALIDATION_ERROR";
            details: {
                /** @description One entry per failing field; empty for malformed JSON or a value the database refused. */
                errors: {
                    /** @description Where the value is, e.g. /body/name or /query/limit. */
                    path: string;
                    message: string;
                }[];
            };
        };
        /** @description Webhook delivery not found (WEBHOOKS_DELIVERY_NOT_FOUND). */
        Problem_WEBHOOKS_DELIVERY_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:WEBHOOKS_DELIVERY_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "WEBHOOKS_DELIVERY_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description The webhook is disabled (WEBHOOKS_DISABLED). */
        Problem_WEBHOOKS_DISABLED: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:WEBHOOKS_DISABLED";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 409;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "WEBHOOKS_DISABLED";
            details: {
                id: components["schemas"]["Uuid"];
                /**
                 * @description receiver_gone: the receiver answered 410 Gone; manual: disabled with PATCH.
                 * @enum {string}
                 */
                disabled_reason: "receiver_gone" | "manual";
            };
        };
        /** @description Webhook not found (WEBHOOKS_NOT_FOUND). */
        Problem_WEBHOOKS_NOT_FOUND: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:WEBHOOKS_NOT_FOUND";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 404;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "WEBHOOKS_NOT_FOUND";
            details: {
                id: components["schemas"]["Uuid"];
            };
        };
        /** @description Every worker that took the run up was lost (WORKER_LOST). */
        Problem_WORKER_LOST: {
            /** @constant */
            type: "urn:mini-agent-platform:problem:WORKER_LOST";
            /** @description Short, stable summary of the error_code. */
            title: string;
            /**
             * Format: int32
             * @constant
             */
            status: 500;
            /** @description What went wrong in this occurrence. */
            detail: string;
            /** @description urn:request:<request id>; quote it when reporting a problem. */
            instance: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            error_code: "WORKER_LOST";
            details: {
                execution_id: components["schemas"]["Uuid"];
                /**
                 * Format: int64
                 * @description How many attempts were made (RUN_MAX_ATTEMPTS).
                 */
                attempts: number;
            };
        };
    };
    responses: {
        /** @description The request does not match the contract (VALIDATION_ERROR) or its body is not JSON (MALFORMED_JSON). */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_MALFORMED_JSON"];
            };
        };
        /** @description The X-API-Key header is missing, unknown or revoked (INVALID_API_KEY). */
        Unauthorized: {
            headers: {
                "WWW-Authenticate"?: string;
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_INVALID_API_KEY"];
            };
        };
        /** @description The key is valid but its tenant is suspended by an operator (TENANT_SUSPENDED). */
        TenantSuspended: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_TENANT_SUSPENDED"];
            };
        };
        /** @description The body exceeds 64 KiB (PAYLOAD_TOO_LARGE); details.limit_bytes gives the limit. */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_PAYLOAD_TOO_LARGE"];
            };
        };
        /** @description The body is not application/json (UNSUPPORTED_MEDIA_TYPE). */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_UNSUPPORTED_MEDIA_TYPE"];
            };
        };
        /**
         * @description The Accept header admits none of the media types the operation answers with (NOT_ACCEPTABLE);
         *     details.acceptable lists them. Sent as problem+json whatever Accept says. Acceptable: no Accept,
         *     `*\/*`, the operation's own types (`application/json` for most, also `text/event-stream` for a run,
         *     `text/plain` for /metrics) and `application/problem+json`.
         */
        NotAcceptable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_NOT_ACCEPTABLE"];
            };
        };
        /** @description The Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED) or its first request is still running (IDEMPOTENCY_KEY_IN_PROGRESS). */
        IdempotencyConflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
            };
        };
        /**
         * @description A quota is spent (RATE_LIMIT_EXCEEDED): details.quota, details.limit, details.window_seconds and
         *     details.retry_after_seconds; the Retry-After header says the same. Also answered, per client address,
         *     to repeated failed authentications.
         */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["Retry-After"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_RATE_LIMIT_EXCEEDED"];
            };
        };
        /** @description An unexpected fault (INTERNAL_ERROR); the detail hides internals, the instance identifies the log entry. */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_INTERNAL_ERROR"];
            };
        };
        /**
         * @description A dependency such as the database is unavailable (SERVICE_UNAVAILABLE); details.reason says which:
         *     database_unavailable, database_busy, statement_timeout (a heavy read took longer than its time
         *     limit: narrow it) or rate_limiter_unavailable. Or the tenant already has its fair share of the
         *     database in use and its queue is full or waited too long (TENANT_BUSY): details.reason is
         *     queue_full or queue_timeout, details.concurrency how many of its operations run at once, and
         *     details.retry_after_seconds (also Retry-After) when to retry. Other tenants are not slowed down.
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After"?: number;
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_SERVICE_UNAVAILABLE"] | components["schemas"]["Problem_TENANT_BUSY"];
            };
        };
        /** @description The Authorization header is missing or its bearer token is not ADMIN_TOKEN (INVALID_ADMIN_TOKEN). */
        AdminUnauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_INVALID_ADMIN_TOKEN"];
            };
        };
        /** @description The admin API is off (no ADMIN_TOKEN is configured) (NOT_FOUND). */
        AdminDisabled: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_NOT_FOUND"];
            };
        };
        /** @description No such tenant (TENANT_NOT_FOUND), or the admin API is off (NOT_FOUND). */
        AdminTenantNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_TENANT_NOT_FOUND"] | components["schemas"]["Problem_NOT_FOUND"];
            };
        };
        /** @description No such active key for this tenant (API_KEY_NOT_FOUND), or the admin API is off (NOT_FOUND). */
        AdminKeyNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_API_KEY_NOT_FOUND"] | components["schemas"]["Problem_NOT_FOUND"];
            };
        };
        /** @description If-None-Match names the current version; your copy is current. No body. */
        NotModified: {
            headers: {
                ETag: components["headers"]["ETag"];
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description If-Match names no current version: the resource changed since you read it (PRECONDITION_FAILED).
         *     details.current_etag is its current ETag; GET it again and reapply your change. Nothing changed.
         */
        PreconditionFailed: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_PRECONDITION_FAILED"];
            };
        };
        /** @description No tool with this id for this tenant (TOOL_NOT_FOUND); another tenant's tool looks the same. */
        ToolNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_TOOL_NOT_FOUND"];
            };
        };
        /** @description No agent with this id for this tenant (AGENT_NOT_FOUND); another tenant's agent looks the same. */
        AgentNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_AGENT_NOT_FOUND"];
            };
        };
        /** @description This tenant already has a tool with this name (DUPLICATE_TOOL_NAME); details.name repeats it. */
        DuplicateToolName: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_DUPLICATE_TOOL_NAME"];
            };
        };
        /** @description This tenant already has an agent with this name (DUPLICATE_AGENT_NAME); details.name repeats it. */
        DuplicateAgentName: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_DUPLICATE_AGENT_NAME"];
            };
        };
        /**
         * @description The tool's definition is refused: its input_schema (INVALID_INPUT_SCHEMA) or its kind and fields
         *     (INVALID_TOOL_CONFIG: unknown kind, a missing or unknown builtin, a field of another kind, code that
         *     is too long or whose default export is not a function...), each with details.errors [{pointer,
         *     message}], pointers into the request body; or its code does not compile (CODE_DOES_NOT_COMPILE,
         *     details {line, column, message}); or, for an http tool, the egress policy refuses its URL without
         *     resolving it (EGRESS_DENIED, details {reason, host, pointer}). Nothing was stored.
         */
        InvalidToolDefinition: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_INVALID_INPUT_SCHEMA"] | components["schemas"]["Problem_INVALID_TOOL_CONFIG"] | components["schemas"]["Problem_CODE_DOES_NOT_COMPILE"] | components["schemas"]["Problem_EGRESS_DENIED"];
            };
        };
        /**
         * @description As for creating a tool (INVALID_INPUT_SCHEMA, INVALID_TOOL_CONFIG, CODE_DOES_NOT_COMPILE,
         *     EGRESS_DENIED), or the request names another kind than the tool's (TOOL_KIND_IMMUTABLE, details
         *     {kind, requested_kind}). Nothing was changed.
         */
        InvalidToolChange: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_INVALID_INPUT_SCHEMA"] | components["schemas"]["Problem_INVALID_TOOL_CONFIG"] | components["schemas"]["Problem_CODE_DOES_NOT_COMPILE"] | components["schemas"]["Problem_EGRESS_DENIED"] | components["schemas"]["Problem_TOOL_KIND_IMMUTABLE"];
            };
        };
        /** @description Some tool_ids name no tool of this tenant (UNKNOWN_TOOL); details.tool_ids lists them. */
        UnknownTool: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_UNKNOWN_TOOL"];
            };
        };
        /**
         * @description The request does not match the contract (VALIDATION_ERROR, also for a cursor with an offset or
         *     bounds out of order), its body is not JSON (MALFORMED_JSON), or the cursor does not decode or was
         *     issued for other filters (INVALID_CURSOR; details.reason says which).
         */
        HistoryBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_MALFORMED_JSON"] | components["schemas"]["Problem_INVALID_CURSOR"];
            };
        };
        /**
         * @description The request does not match the contract (VALIDATION_ERROR, also for bounds out of order), its body is
         *     not JSON (MALFORMED_JSON), or the range is longer than one report sums (USAGE_RANGE_TOO_LARGE).
         */
        UsageBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_MALFORMED_JSON"] | components["schemas"]["Problem_USAGE_RANGE_TOO_LARGE"];
            };
        };
        /** @description No execution with this id for this tenant (EXECUTION_NOT_FOUND); another tenant's execution looks the same. */
        ExecutionNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_EXECUTION_NOT_FOUND"];
            };
        };
        /** @description No secret with this name for this tenant (SECRETS_NOT_FOUND); details.name repeats it. */
        SecretNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_SECRETS_NOT_FOUND"];
            };
        };
        /**
         * @description A dependency is unavailable (SERVICE_UNAVAILABLE, TENANT_BUSY, as everywhere), or no master key is
         *     configured to encrypt secrets with (SECRETS_KEY_UNAVAILABLE, details.reason no_master_key).
         */
        SecretsUnavailable: {
            headers: {
                "Retry-After"?: number;
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_SERVICE_UNAVAILABLE"] | components["schemas"]["Problem_TENANT_BUSY"] | components["schemas"]["Problem_SECRETS_KEY_UNAVAILABLE"];
            };
        };
        /** @description No listing with this slug that the caller can see (MARKETPLACE_LISTING_NOT_FOUND). */
        MarketplaceListingNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MARKETPLACE_LISTING_NOT_FOUND"];
            };
        };
        /** @description No such version of the listing that the caller can see (MARKETPLACE_VERSION_NOT_FOUND), or no such listing (MARKETPLACE_LISTING_NOT_FOUND). */
        MarketplaceVersionNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_LISTING_NOT_FOUND"];
            };
        };
        /** @description The listing is another tenant's, published (MARKETPLACE_NOT_PUBLISHER); or the tenant is suspended (TENANT_SUSPENDED). */
        MarketplaceNotPublisher: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_TENANT_SUSPENDED"] | components["schemas"]["Problem_MARKETPLACE_NOT_PUBLISHER"];
            };
        };
        /**
         * @description A dependency is unavailable (SERVICE_UNAVAILABLE, TENANT_BUSY, as everywhere), or no key is configured
         *     to sign packages with (MARKETPLACE_SIGNING_KEY_UNAVAILABLE: set MARKETPLACE_SIGNING_KEY).
         */
        MarketplaceSigningUnavailable: {
            headers: {
                "Retry-After"?: number;
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_SERVICE_UNAVAILABLE"] | components["schemas"]["Problem_TENANT_BUSY"] | components["schemas"]["Problem_MARKETPLACE_SIGNING_KEY_UNAVAILABLE"];
            };
        };
        /**
         * @description The request does not match the contract (VALIDATION_ERROR), or the cursor does not decode or was
         *     issued for another query or sort (INVALID_CURSOR; details.reason says which).
         */
        MarketplaceSearchBadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_INVALID_CURSOR"];
            };
        };
        /** @description No listing with this slug that the caller may see (MARKETPLACE_LISTING_NOT_FOUND). */
        MarketplaceDiscoverListingNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MARKETPLACE_LISTING_NOT_FOUND"];
            };
        };
        /** @description The caller published this listing (MARKETPLACE_OWN_LISTING_RATING), or the tenant is suspended (TENANT_SUSPENDED). */
        MarketplaceOwnListingRating: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                /** @description Requests allowed per window by the tightest quota that applies. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Limit"?: number;
                /** @description Requests left in the current window of that quota. Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Remaining"?: number;
                /** @description Seconds until the oldest counted request leaves the window (a request is freed). Present when the request was counted against a quota (not when the failure came first). */
                "X-RateLimit-Reset"?: number;
                /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. Present when the request was counted against a quota (not when the failure came first). */
                "RateLimit-Policy"?: string;
                /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. Present when the request was counted against a quota (not when the failure came first). */
                RateLimit?: string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MARKETPLACE_OWN_LISTING_RATING"] | components["schemas"]["Problem_TENANT_SUSPENDED"];
            };
        };
        /** @description The caller has not rated this listing (MARKETPLACE_RATING_NOT_FOUND). */
        MarketplaceRatingNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MARKETPLACE_RATING_NOT_FOUND"];
            };
        };
        /** @description No MCP server with this id for this tenant (MCP_SERVER_NOT_FOUND). */
        McpServerNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MCP_SERVER_NOT_FOUND"];
            };
        };
        /**
         * @description The server could not be connected to, did not speak MCP, or did not list its tools in time
         *     (MCP_SERVER_UNREACHABLE, details {reason, message}); or a header's secret cannot be used. Nothing changed.
         */
        McpServerUnreachable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_MCP_SERVER_UNREACHABLE"];
            };
        };
        /** @description No webhook with this id for this tenant (WEBHOOKS_NOT_FOUND). */
        WebhookNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_WEBHOOKS_NOT_FOUND"];
            };
        };
        /** @description No webhook with this id (WEBHOOKS_NOT_FOUND), or no such delivery of it (WEBHOOKS_DELIVERY_NOT_FOUND). */
        WebhookDeliveryNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_WEBHOOKS_NOT_FOUND"] | components["schemas"]["Problem_WEBHOOKS_DELIVERY_NOT_FOUND"];
            };
        };
        /** @description The webhook is disabled (WEBHOOKS_DISABLED): enable it with PATCH first. */
        WebhookDisabled: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_WEBHOOKS_DISABLED"];
            };
        };
        /** @description The egress policy refuses the URL (EGRESS_DENIED, details {reason, host, pointer: /url}). */
        WebhookEgressDenied: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                RateLimit: components["headers"]["RateLimit"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem_EGRESS_DENIED"];
            };
        };
    };
    parameters: {
        /**
         * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
         *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
         *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
         *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
         */
        IdempotencyKey: string;
        /** @description Page size. */
        Limit: number;
        /** @description Number of items to skip. */
        Offset: number;
        /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
        TenantId: components["schemas"]["Uuid"];
        /** @example 2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091 */
        KeyId: components["schemas"]["Uuid"];
        /**
         * @description Makes the change conditional (optional; without it the change always applies). A list of entity
         *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
         *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
         *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
         *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
         *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
         */
        IfMatch: string;
        /**
         * @description Entity tags from earlier ETag headers, or `*`: when one names the current version (weak comparison),
         *     the answer is 304 with no body. A value that is not `*` or a comma-separated list of quoted tags is
         *     400 VALIDATION_ERROR.
         */
        IfNoneMatch: string;
        /**
         * @description The tool's id.
         * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
         */
        ToolId: components["schemas"]["Uuid"];
        /**
         * @description The agent's id.
         * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
         */
        AgentId: components["schemas"]["Uuid"];
        /**
         * @description The execution's id.
         * @example 0f1e2d3c-4b5a-4697-8877-665544332211
         */
        ExecutionId: components["schemas"]["Uuid"];
        /** @description Only executions on exactly this model id. */
        HistoryModel: string;
        /** @description Only executions with this status. */
        HistoryStatus: "queued" | "running" | "requires_action" | "completed" | "failed" | "incomplete" | "cancelled" | "expired";
        /** @description Only executions created at or after this instant (inclusive). */
        HistoryCreatedAfter: components["schemas"]["Timestamp"];
        /**
         * @description Only executions created strictly before this instant (exclusive). A `created_after` later than
         *     `created_before` is a VALIDATION_ERROR.
         */
        HistoryCreatedBefore: components["schemas"]["Timestamp"];
        /**
         * @description The `next_cursor` of the previous page, as is (opaque). Needs `offset` absent or 0 (else
         *     VALIDATION_ERROR) and the same filters (else INVALID_CURSOR).
         */
        HistoryCursor: string;
        /**
         * @description Only the events whose seq is greater (0, the default, from the first).
         * @example 0
         */
        EventsAfter: number;
        /**
         * @description Page size (JSON only; a stream sends everything).
         * @example 100
         */
        EventsLimit: number;
        /**
         * @description The `id` of the last event received, sent back on a reconnection (EventSource does it itself): the
         *     stream resumes after it. Wins over `after`. Not an integer >= 0: 400 VALIDATION_ERROR.
         * @example 42
         */
        LastEventId: string;
        /**
         * @description The listing's slug (unique across tenants).
         * @example support-triage
         */
        ListingSlug: components["schemas"]["ListingSlug"];
        /**
         * @description A semantic version of the listing (major.minor.patch, optional pre-release).
         * @example 1.2.0
         */
        ListingVersionName: components["schemas"]["SemanticVersion"];
        /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
        WebhookId: components["schemas"]["Uuid"];
        /** @example 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d */
        WebhookDeliveryId: components["schemas"]["Uuid"];
    };
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
        /** @description Requests allowed per window by the tightest quota that applies. */
        "X-RateLimit-Limit": number;
        /** @description Requests left in the current window of that quota. */
        "X-RateLimit-Remaining": number;
        /** @description Seconds until the oldest counted request leaves the window (a request is freed). */
        "X-RateLimit-Reset": number;
        /** @description Every quota that applies (IETF draft), e.g. `"requests";q=100;w=60, "runs";q=30;w=60`. */
        "RateLimit-Policy": string;
        /** @description What remains of each quota (IETF draft), e.g. `"requests";r=99;t=12`. */
        RateLimit: string;
        /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key. */
        "Idempotent-Replayed": "true";
        /** @description The request's id; an incoming `X-Request-Id` (1..128 visible ASCII characters) is kept. */
        "X-Request-Id": string;
        /**
         * @description A strong entity tag naming the version of the representation in this response. Opaque: compare it
         *     only for equality, never parse it. It changes with every write of the resource; an agent's also
         *     changes when its links change or a linked tool's name or description is written, since the agent's
         *     body shows them. Send it back in If-Match to change the resource only if nobody changed it
         *     meanwhile, or in If-None-Match to get 304 while your copy is current.
         */
        ETag: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready to serve. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ready";
                        checks: components["schemas"]["ReadinessChecks"];
                    };
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
            /** @description Not ready (SERVICE_UNAVAILABLE with details.reason not_ready); details.checks says which dependency is down. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_SERVICE_UNAVAILABLE"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exposition (text/plain; version=0.0.4). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /**
             * @description The Authorization header is missing or its bearer token is not METRICS_TOKEN
             *     (INVALID_METRICS_TOKEN).
             */
            401: {
                headers: {
                    "WWW-Authenticate"?: "Bearer";
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_INVALID_METRICS_TOKEN"];
                };
            };
            /**
             * @description Not served on the API port: METRICS_PORT is set (the metrics are on that port), or neither
             *     METRICS_PORT nor METRICS_TOKEN is (NOT_FOUND).
             */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_NOT_FOUND"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listOwnAuditEvents: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the tenant's events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminListTenants: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AdminTenant"][];
                        /** Format: int64 */
                        total: number;
                        /** Format: int64 */
                        limit: number;
                        /** Format: int64 */
                        offset: number;
                        has_more: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminDisabled"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminCreateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: components["schemas"]["EntityName"];
                };
            };
        };
        responses: {
            /** @description The tenant, its key's metadata, and the key itself (shown this once). */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tenant: components["schemas"]["AdminTenant"];
                        api_key: components["schemas"]["AdminApiKey"];
                        /** @description The API key. It is not stored and cannot be shown again. */
                        key: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminDisabled"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminGetTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminTenantNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminDeleteTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminTenantNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminUpdateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: components["schemas"]["EntityName"];
                    /** @enum {string} */
                    status?: "active" | "suspended";
                    /** Format: int32 */
                    rate_limit_requests?: number | null;
                    /** Format: int32 */
                    run_rate_limit_requests?: number | null;
                    /** Format: int64 */
                    monthly_token_budget?: number | null;
                    monthly_cost_budget_usd?: number | null;
                };
            };
        };
        responses: {
            /** @description The updated tenant. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminTenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminTenantNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminListKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys, newest first. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AdminApiKey"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminTenantNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminCreateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: components["schemas"]["EntityName"];
                    expires_at?: components["schemas"]["Timestamp"];
                };
            };
        };
        responses: {
            /** @description The key's metadata and the key itself (shown this once). */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminIssuedKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminTenantNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminRevokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
                /** @example 2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091 */
                keyId: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminKeyNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminRotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d */
                tenantId: components["parameters"]["TenantId"];
                /** @example 2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091 */
                keyId: components["parameters"]["KeyId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: int32
                     * @description 0 revokes the old key at once.
                     */
                    grace_seconds: number;
                };
            };
        };
        responses: {
            /** @description The new key (shown this once) and the old one with its new expiry. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminIssuedKey"] & {
                        previous: components["schemas"]["AdminApiKey"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminKeyNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminListAuditEvents: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
                tenant_id?: components["schemas"]["Uuid"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminDisabled"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    adminVerifyAuditEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chains checked; `breaks` is empty when the log is intact. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: int64 */
                        chains: number;
                        /** Format: int64 */
                        events: number;
                        breaks: {
                            tenant_id: string | null;
                            /** Format: int64 */
                            seq: number;
                            event_id: components["schemas"]["Uuid"];
                            /** @enum {string} */
                            reason: "hash_mismatch" | "broken_link" | "gap";
                        }[];
                    };
                };
            };
            401: components["responses"]["AdminUnauthorized"];
            404: components["responses"]["AdminDisabled"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The models, by id. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Model"][];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTools: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
                /**
                 * @description Only tools linked to the agent with exactly this name (none when no such agent). Percent-encode
                 *     it as any query value (a raw `&`, `+` or `#` would change the query).
                 */
                agent_name?: components["schemas"]["EntityName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tools. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToolPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createTool: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolInput"];
            };
        };
        responses: {
            /** @description The tool was created. */
            201: {
                headers: {
                    /** @description The new tool's URL. */
                    Location?: string;
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tool"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            /** @description The tenant already has a tool with this name (DUPLICATE_TOOL_NAME, details.name), or the Idempotency-Key conflicts (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_DUPLICATE_TOOL_NAME"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["InvalidToolDefinition"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getTool: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Entity tags from earlier ETag headers, or `*`: when one names the current version (weak comparison),
                 *     the answer is 304 with no body. A value that is not `*` or a comma-separated list of quoted tags is
                 *     400 VALIDATION_ERROR.
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tool. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tool"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ToolNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replaceTool: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the change conditional (optional; without it the change always applies). A list of entity
                 *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
                 *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
                 *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
                 *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
                 *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolInput"];
            };
        };
        responses: {
            /** @description The replaced tool. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tool"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ToolNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["DuplicateToolName"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["InvalidToolChange"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteTool: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the change conditional (optional; without it the change always applies). A list of entity
                 *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
                 *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
                 *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
                 *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
                 *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tool was deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ToolNotFound"];
            /** @description Agents use the tool (TOOL_IN_USE); details.dependent_agents lists them. Unlink it first. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_TOOL_IN_USE"];
                };
            };
            412: components["responses"]["PreconditionFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateTool: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the change conditional (optional; without it the change always applies). A list of entity
                 *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
                 *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
                 *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
                 *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
                 *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolPatch"];
            };
        };
        responses: {
            /** @description The updated tool. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tool"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ToolNotFound"];
            406: components["responses"]["NotAcceptable"];
            /** @description This tenant already has a tool with this name (DUPLICATE_TOOL_NAME, details.name), or the tool's definition kept changing while this change was checked (TOOL_CHANGED_CONCURRENTLY, details.id); send it again. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_DUPLICATE_TOOL_NAME"] | components["schemas"]["Problem_TOOL_CHANGED_CONCURRENTLY"];
                };
            };
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["InvalidToolChange"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    testTool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tool's id.
                 * @example 5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b
                 */
                id: components["parameters"]["ToolId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolTestRequest"];
            };
        };
        responses: {
            /** @description What the tool answered, or its error, and how long the call took. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToolTestResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ToolNotFound"];
            406: components["responses"]["NotAcceptable"];
            /** @description A client tool is run by the caller, not the platform (TOOL_NOT_EXECUTABLE). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_TOOL_NOT_EXECUTABLE"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The input does not match the tool's input_schema (INVALID_TOOL_INPUT); details.errors has a JSON pointer into the input and a message per problem. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_INVALID_TOOL_INPUT"];
                };
            };
            /**
             * @description A quota is spent (RATE_LIMIT_EXCEEDED): tests count against the tenant's request quota and its
             *     stricter run quota. details.quota names it; Retry-After says when to retry.
             */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_RATE_LIMIT_EXCEEDED"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAgents: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
                /**
                 * @description Only agents linked to the tool with exactly this name (none when no such tool). Percent-encode
                 *     it as any query value (a raw `&`, `+` or `#` would change the query).
                 */
                tool_name?: components["schemas"]["EntityName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of agents. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createAgent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentInput"];
            };
        };
        responses: {
            /** @description The agent was created. */
            201: {
                headers: {
                    /** @description The new agent's URL. */
                    Location?: string;
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            /** @description The tenant already has an agent with this name (DUPLICATE_AGENT_NAME, details.name), or the Idempotency-Key conflicts (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_DUPLICATE_AGENT_NAME"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnknownTool"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAgent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Entity tags from earlier ETag headers, or `*`: when one names the current version (weak comparison),
                 *     the answer is 304 with no body. A value that is not `*` or a comma-separated list of quoted tags is
                 *     400 VALIDATION_ERROR.
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["AgentNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replaceAgent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the change conditional (optional; without it the change always applies). A list of entity
                 *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
                 *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
                 *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
                 *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
                 *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentInput"];
            };
        };
        responses: {
            /** @description The replaced agent. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["AgentNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["DuplicateAgentName"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnknownTool"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAgent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the change conditional (optional; without it the change always applies). A list of entity
                 *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
                 *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
                 *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
                 *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
                 *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent, its tool links and its execution logs were deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["AgentNotFound"];
            412: components["responses"]["PreconditionFailed"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateAgent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the change conditional (optional; without it the change always applies). A list of entity
                 *     tags from ETag headers, or `*` for any existing version. Compared strongly (a weak `W/` tag never
                 *     matches). When the resource is at another version the answer is 412 PRECONDITION_FAILED with the
                 *     current tag in details.current_etag, and nothing changes; of concurrent requests with the same tag
                 *     exactly one succeeds. A missing resource (or another tenant's) is still 404. A value that is not
                 *     `*` or a comma-separated list of quoted tags is 400 VALIDATION_ERROR.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentPatch"];
            };
        };
        responses: {
            /** @description The updated agent. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["AgentNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["DuplicateAgentName"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnknownTool"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    runAgent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunRequest"];
            };
        };
        responses: {
            /** @description The execution (completed, incomplete, or requires_action), or the event stream. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                    "text/event-stream": components["schemas"]["RunStreamEvent"];
                };
            };
            /** @description A background run, recorded queued; a worker runs it. */
            202: {
                headers: {
                    /** @description The execution, `/api/v1/executions/{id}`. */
                    Location?: string;
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description The request does not match the contract (VALIDATION_ERROR, MALFORMED_JSON; `stream` true with `background` true is one) or names a model that does not exist (INVALID_MODEL, with details.provided_model and details.allowed_models). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_MALFORMED_JSON"] | components["schemas"]["Problem_INVALID_MODEL"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["AgentNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description A quota is spent (RATE_LIMIT_EXCEEDED; runs also count against the tenant's run quota), or the run's
             *     worst case (every token sent to the model: system prompt, prompt and tool definitions; plus the
             *     model's maximum output, which is the max_tokens the provider is sent; at its prices) would cross the
             *     tenant's monthly token or cost budget (BUDGET_EXCEEDED, with details.budget, details.used,
             *     details.requested, details.period_end). Refused at the first model step, nothing is recorded; at a
             *     later step the run is recorded as failed with its steps, and details.execution_id names it.
             */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_RATE_LIMIT_EXCEEDED"] | components["schemas"]["Problem_BUDGET_EXCEEDED"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description The provider failed (PROVIDER_ERROR). The execution was recorded as failed; details.execution_id names it. */
            502: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_PROVIDER_ERROR"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
            /** @description The provider did not answer in time (PROVIDER_TIMEOUT). The execution was recorded as failed; details.execution_id names it. */
            504: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_PROVIDER_TIMEOUT"];
                };
            };
        };
    };
    listHistory: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
                /** @description Only the executions of this agent. */
                agent_id?: components["schemas"]["Uuid"];
                /** @description Only executions on exactly this model id. */
                model?: components["parameters"]["HistoryModel"];
                /** @description Only executions with this status. */
                status?: components["parameters"]["HistoryStatus"];
                /** @description Only executions created at or after this instant (inclusive). */
                created_after?: components["parameters"]["HistoryCreatedAfter"];
                /**
                 * @description Only executions created strictly before this instant (exclusive). A `created_after` later than
                 *     `created_before` is a VALIDATION_ERROR.
                 */
                created_before?: components["parameters"]["HistoryCreatedBefore"];
                /**
                 * @description The `next_cursor` of the previous page, as is (opaque). Needs `offset` absent or 0 (else
                 *     VALIDATION_ERROR) and the same filters (else INVALID_CURSOR).
                 */
                cursor?: components["parameters"]["HistoryCursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of executions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionPage"];
                };
            };
            400: components["responses"]["HistoryBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ExecutionNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAgentHistory: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
                /** @description Only executions on exactly this model id. */
                model?: components["parameters"]["HistoryModel"];
                /** @description Only executions with this status. */
                status?: components["parameters"]["HistoryStatus"];
                /** @description Only executions created at or after this instant (inclusive). */
                created_after?: components["parameters"]["HistoryCreatedAfter"];
                /**
                 * @description Only executions created strictly before this instant (exclusive). A `created_after` later than
                 *     `created_before` is a VALIDATION_ERROR.
                 */
                created_before?: components["parameters"]["HistoryCreatedBefore"];
                /**
                 * @description The `next_cursor` of the previous page, as is (opaque). Needs `offset` absent or 0 (else
                 *     VALIDATION_ERROR) and the same filters (else INVALID_CURSOR).
                 */
                cursor?: components["parameters"]["HistoryCursor"];
            };
            header?: never;
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the agent's executions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionPage"];
                };
            };
            400: components["responses"]["HistoryBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["AgentNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description Start of the range, inclusive. Default `to` minus 720 hours. */
                from?: components["schemas"]["Timestamp"];
                /** @description End of the range, exclusive. Default now. A `from` later than `to` (or than now, without `to`) is a VALIDATION_ERROR. */
                to?: components["schemas"]["Timestamp"];
                /** @description Split the totals by `model` (key is the model id), `agent` (key is the agent id) or `day` (key is the UTC date, YYYY-MM-DD). */
                group_by?: "model" | "agent" | "day";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage over the range. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                };
            };
            400: components["responses"]["UsageBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Quotas and budgets. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Limits"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    retrieveExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ExecutionNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listExecutionSteps: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the execution's steps. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionStepPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ExecutionNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listExecutionEvents: {
        parameters: {
            query?: {
                /**
                 * @description Only the events whose seq is greater (0, the default, from the first).
                 * @example 0
                 */
                after?: components["parameters"]["EventsAfter"];
                /**
                 * @description Page size (JSON only; a stream sends everything).
                 * @example 100
                 */
                limit?: components["parameters"]["EventsLimit"];
            };
            header?: {
                /**
                 * @description The `id` of the last event received, sent back on a reconnection (EventSource does it itself): the
                 *     stream resumes after it. Wins over `after`. Not an integer >= 0: 400 VALIDATION_ERROR.
                 * @example 42
                 */
                "Last-Event-ID"?: components["parameters"]["LastEventId"];
            };
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the run's events, or their stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionEventPage"];
                    "text/event-stream": components["schemas"]["RunStreamEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ExecutionNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    submitToolOutputs: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolOutputsRequest"];
            };
        };
        responses: {
            /** @description The execution as the continued run left it, or the event stream. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                    "text/event-stream": components["schemas"]["RunStreamEvent"];
                };
            };
            /** @description A background run goes on in a worker; the execution as it is now (running). */
            202: {
                headers: {
                    /** @description The execution, `/api/v1/executions/{id}`. */
                    Location?: string;
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            /** @description The request does not match the contract (VALIDATION_ERROR, MALFORMED_JSON), or the run's model is no longer served (INVALID_MODEL). */
            400: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_VALIDATION_ERROR"] | components["schemas"]["Problem_MALFORMED_JSON"] | components["schemas"]["Problem_INVALID_MODEL"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ExecutionNotFound"];
            406: components["responses"]["NotAcceptable"];
            /**
             * @description The run does not wait for tool outputs (INVALID_EXECUTION_STATE, with details.execution_id and
             *     details.status: queued, running, completed, failed, incomplete, cancelled or expired), or the
             *     Idempotency-Key was used for another request or its first request still runs
             *     (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS).
             */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_INVALID_EXECUTION_STATE"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The outputs do not answer exactly the calls the run waits for (INVALID_TOOL_OUTPUTS); nothing changed. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_INVALID_TOOL_OUTPUTS"];
                };
            };
            /**
             * @description A quota is spent (RATE_LIMIT_EXCEEDED; continuations count against the run quota too), or the next
             *     model step would cross a monthly budget (BUDGET_EXCEEDED): the run is recorded as failed, and
             *     details.execution_id names it.
             */
            429: {
                headers: {
                    "Retry-After": components["headers"]["Retry-After"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_RATE_LIMIT_EXCEEDED"] | components["schemas"]["Problem_BUDGET_EXCEEDED"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description The provider failed (PROVIDER_ERROR). The execution was recorded as failed; details.execution_id names it. */
            502: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_PROVIDER_ERROR"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
            /** @description The provider did not answer in time (PROVIDER_TIMEOUT). The execution was recorded as failed; details.execution_id names it. */
            504: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_PROVIDER_TIMEOUT"];
                };
            };
        };
    };
    cancelExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The execution's id.
                 * @example 0f1e2d3c-4b5a-4697-8877-665544332211
                 */
                id: components["parameters"]["ExecutionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution as it is now (cancelled, or running with cancel_requested_at). */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["ExecutionNotFound"];
            406: components["responses"]["NotAcceptable"];
            /** @description The run has ended otherwise (INVALID_EXECUTION_STATE, with details.execution_id and details.status). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_INVALID_EXECUTION_STATE"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSecrets: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of secrets, without their values. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "WEATHER_API_TOKEN",
                     *           "created_at": "2026-01-05T10:00:00.000Z",
                     *           "updated_at": "2026-01-06T09:30:00.000Z",
                     *           "last_used_at": "2026-01-07T12:00:00.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 20,
                     *       "offset": 0,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Secret"][];
                        /** Format: int64 */
                        total: number;
                        /** Format: int64 */
                        limit: number;
                        /** Format: int64 */
                        offset: number;
                        has_more: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "WEATHER_API_TOKEN",
                 *       "value": "wk_live_0123456789abcdef"
                 *     }
                 */
                "application/json": {
                    name: components["schemas"]["SecretName"];
                    value: components["schemas"]["SecretValue"];
                };
            };
        };
        responses: {
            /** @description The secret, without its value. */
            201: {
                headers: {
                    /** @description The new secret's URL. */
                    Location?: string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "WEATHER_API_TOKEN",
                     *       "created_at": "2026-01-05T10:00:00.000Z",
                     *       "updated_at": "2026-01-05T10:00:00.000Z",
                     *       "last_used_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Secret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            /** @description The tenant already has a secret with this name (SECRETS_NAME_TAKEN, details.name), or the Idempotency-Key conflicts (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_SECRETS_NAME_TAKEN"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["SecretsUnavailable"];
        };
    };
    replaceSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example WEATHER_API_TOKEN */
                name: components["schemas"]["SecretName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "value": "wk_live_fedcba9876543210"
                 *     }
                 */
                "application/json": {
                    value: components["schemas"]["SecretValue"];
                };
            };
        };
        responses: {
            /** @description The secret, without its value. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "WEATHER_API_TOKEN",
                     *       "created_at": "2026-01-05T10:00:00.000Z",
                     *       "updated_at": "2026-01-06T09:30:00.000Z",
                     *       "last_used_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Secret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["SecretNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["SecretsUnavailable"];
        };
    };
    deleteSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example WEATHER_API_TOKEN */
                name: components["schemas"]["SecretName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["SecretNotFound"];
            /** @description Tools refer to the secret (SECRETS_IN_USE); details.dependent_tools names each of them. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_SECRETS_IN_USE"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    searchMarketplaceListings: {
        parameters: {
            query?: {
                /**
                 * @description Words to search for (at most 200 characters).
                 * @example invoice triage
                 */
                q?: string;
                /**
                 * @description Only listings of this category.
                 * @example support
                 */
                category?: string;
                /**
                 * @description Only listings with this tag.
                 * @example email
                 */
                tag?: string;
                /** @description The order (default relevance with q, newest without). */
                sort?: "relevance" | "installs" | "rating" | "newest";
                /** @description The `next_cursor` of the previous page, as is (opaque). */
                cursor?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of listings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceSearchPage"];
                };
            };
            400: components["responses"]["MarketplaceSearchBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createMarketplaceListing: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplaceListingInput"];
            };
        };
        responses: {
            /** @description The listing, a draft. */
            201: {
                headers: {
                    /** @description The listing, `/api/v1/marketplace/listings/{slug}`. */
                    Location?: string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "slug": "support-triage",
                     *       "name": "Support triage",
                     *       "summary": "Sorts incoming tickets by urgency and team",
                     *       "description": "# Support triage\nReads a ticket, asks the calculator for SLA hours, answers with a queue.",
                     *       "category": "support",
                     *       "tags": [
                     *         "tickets",
                     *         "email"
                     *       ],
                     *       "status": "draft",
                     *       "owned": true,
                     *       "install_count": 0,
                     *       "download_count": 0,
                     *       "rating": {
                     *         "count": 0,
                     *         "mean": null
                     *       },
                     *       "created_at": "2025-01-10T09:00:00Z",
                     *       "updated_at": "2025-01-10T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["MarketplaceListing"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            /** @description The slug is taken (MARKETPLACE_SLUG_TAKEN), or the Idempotency-Key conflicts (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_SLUG_TAKEN"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The slug is reserved for a route of the marketplace (MARKETPLACE_SLUG_RESERVED). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_SLUG_RESERVED"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyMarketplaceListings: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the caller's listings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "slug": "support-triage",
                     *           "name": "Support triage",
                     *           "summary": "Sorts incoming tickets by urgency and team",
                     *           "description": "# Support triage\nReads a ticket, asks the calculator for SLA hours, answers with a queue.",
                     *           "category": "support",
                     *           "tags": [
                     *             "tickets",
                     *             "email"
                     *           ],
                     *           "status": "published",
                     *           "owned": true,
                     *           "latest_version": "1.2.0",
                     *           "install_count": 42,
                     *           "download_count": 57,
                     *           "rating": {
                     *             "count": 3,
                     *             "mean": 4.33
                     *           },
                     *           "published_at": "2025-01-11T10:00:00Z",
                     *           "created_at": "2025-01-10T09:00:00Z",
                     *           "updated_at": "2025-02-01T08:30:00Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 20,
                     *       "offset": 0,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["MarketplaceListing"][];
                        /** Format: int64 */
                        total: number;
                        /** Format: int64 */
                        limit: number;
                        /** Format: int64 */
                        offset: number;
                        has_more: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMarketplaceListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The listing. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceListingDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["MarketplaceDiscoverListingNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteMarketplaceListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MarketplaceNotPublisher"];
            404: components["responses"]["MarketplaceListingNotFound"];
            /** @description A version of the listing is published (MARKETPLACE_LISTING_PUBLISHED). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_LISTING_PUBLISHED"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateMarketplaceListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplaceListingChanges"];
            };
        };
        responses: {
            /** @description The listing as changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "slug": "support-triage",
                     *       "name": "Support triage",
                     *       "summary": "Sorts incoming tickets by urgency and team",
                     *       "description": "# Support triage\nReads a ticket, asks the calculator for SLA hours, answers with a queue.",
                     *       "category": "support",
                     *       "tags": [
                     *         "tickets",
                     *         "email"
                     *       ],
                     *       "status": "published",
                     *       "owned": true,
                     *       "latest_version": "1.2.0",
                     *       "install_count": 42,
                     *       "download_count": 57,
                     *       "rating": {
                     *         "count": 3,
                     *         "mean": 4.33
                     *       },
                     *       "published_at": "2025-01-11T10:00:00Z",
                     *       "created_at": "2025-01-10T09:00:00Z",
                     *       "updated_at": "2025-02-01T08:30:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["MarketplaceListing"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MarketplaceNotPublisher"];
            404: components["responses"]["MarketplaceListingNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createMarketplaceVersion: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplaceVersionInput"];
            };
        };
        responses: {
            /** @description The version, validating. */
            202: {
                headers: {
                    /** @description The version, `/api/v1/marketplace/listings/{slug}/versions/{version}`. */
                    Location?: string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "listing": "support-triage",
                     *       "version": "1.2.0",
                     *       "status": "validating",
                     *       "yanked": false,
                     *       "changelog": "Answers in the customer's language.",
                     *       "example_prompts": [
                     *         "use calc with {\"expression\": \"24 * 3\"}"
                     *       ],
                     *       "package_sha256": "845e593d58886d5f40da845f9556713e1be6a682e9061154b3e95366c4e03ead",
                     *       "created_at": "2025-02-01T08:30:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["MarketplaceVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MarketplaceNotPublisher"];
            404: components["responses"]["MarketplaceListingNotFound"];
            406: components["responses"]["NotAcceptable"];
            /** @description The version is not greater than the listing's last (MARKETPLACE_VERSION_NOT_GREATER, details.latest), or the Idempotency-Key conflicts (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_GREATER"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description agent_id names no agent of the caller (MARKETPLACE_UNKNOWN_AGENT), or the agent has tools a package cannot hold (MARKETPLACE_UNPACKAGEABLE_TOOLS). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_UNKNOWN_AGENT"] | components["schemas"]["Problem_MARKETPLACE_UNPACKAGEABLE_TOOLS"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMarketplaceVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
                /**
                 * @description A semantic version of the listing (major.minor.patch, optional pre-release).
                 * @example 1.2.0
                 */
                version: components["parameters"]["ListingVersionName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "listing": "support-triage",
                     *       "version": "1.2.0",
                     *       "status": "rejected",
                     *       "yanked": false,
                     *       "changelog": "Answers in the customer's language.",
                     *       "example_prompts": [
                     *         "use calc with {\"expression\": \"24 * 3\"}"
                     *       ],
                     *       "package_sha256": "845e593d58886d5f40da845f9556713e1be6a682e9061154b3e95366c4e03ead",
                     *       "report": [
                     *         {
                     *           "check": "tool_kinds",
                     *           "passed": true,
                     *           "message": "Every tool is of a known kind"
                     *         },
                     *         {
                     *           "check": "input_schemas",
                     *           "passed": true,
                     *           "message": "Every input schema is valid"
                     *         },
                     *         {
                     *           "check": "javascript_compiles",
                     *           "passed": true,
                     *           "message": "No javascript tools"
                     *         },
                     *         {
                     *           "check": "javascript_scan",
                     *           "passed": true,
                     *           "message": "No javascript tools"
                     *         },
                     *         {
                     *           "check": "http_egress",
                     *           "passed": true,
                     *           "message": "No http tools"
                     *         },
                     *         {
                     *           "check": "no_embedded_secrets",
                     *           "passed": false,
                     *           "message": "Secret-looking values (use {{secrets.NAME}} references instead): /package/agent/description: looks like a secret (github_token)",
                     *           "details": {
                     *             "failures": [
                     *               {
                     *                 "pointer": "/package/agent/description",
                     *                 "rule": "github_token",
                     *                 "message": "/package/agent/description: looks like a secret (github_token)"
                     *               }
                     *             ]
                     *           }
                     *         },
                     *         {
                     *           "check": "example_prompts",
                     *           "passed": true,
                     *           "message": "Every example prompt ran against the mock model without error (1)"
                     *         }
                     *       ],
                     *       "created_at": "2025-02-01T08:30:00Z",
                     *       "validated_at": "2025-02-01T08:30:02Z"
                     *     }
                     */
                    "application/json": components["schemas"]["MarketplaceVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["MarketplaceVersionNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    yankMarketplaceVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
                /**
                 * @description A semantic version of the listing (major.minor.patch, optional pre-release).
                 * @example 1.2.0
                 */
                version: components["parameters"]["ListingVersionName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version, yanked. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "listing": "support-triage",
                     *       "version": "1.1.0",
                     *       "status": "published",
                     *       "yanked": true,
                     *       "yanked_at": "2025-02-02T12:00:00Z",
                     *       "changelog": "First release.",
                     *       "example_prompts": [],
                     *       "package_sha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                     *       "created_at": "2025-01-11T09:59:00Z",
                     *       "validated_at": "2025-01-11T10:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["MarketplaceVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MarketplaceNotPublisher"];
            404: components["responses"]["MarketplaceVersionNotFound"];
            406: components["responses"]["NotAcceptable"];
            /** @description The version is validating or rejected, not published (MARKETPLACE_VERSION_NOT_PUBLISHED). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_PUBLISHED"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMarketplacePackage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
                /**
                 * @description A semantic version of the listing (major.minor.patch, optional pre-release).
                 * @example 1.2.0
                 */
                version: components["parameters"]["ListingVersionName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The package. */
            200: {
                headers: {
                    /** @description The package's SHA-256, hex, quoted. */
                    ETag: string;
                    /** @description `ed25519=` and the base64 of the 64-byte Ed25519 signature of the body. */
                    "X-Package-Signature": string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplacePackage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["MarketplaceVersionNotFound"];
            406: components["responses"]["NotAcceptable"];
            /** @description The version was yanked (MARKETPLACE_VERSION_YANKED). */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_VERSION_YANKED"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["MarketplaceSigningUnavailable"];
        };
    };
    getMarketplaceSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The platform's Ed25519 public key. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceSigningKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["MarketplaceSigningUnavailable"];
        };
    };
    installListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplaceInstallRequest"];
            };
        };
        responses: {
            /** @description The agent was created with its tools. */
            201: {
                headers: {
                    /** @description The new agent's URL. */
                    Location?: string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceInstall"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            /**
             * @description No published listing has this slug (MARKETPLACE_LISTING_NOT_FOUND; a draft looks the same), or
             *     it has no published version of that name (MARKETPLACE_VERSION_NOT_FOUND).
             */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_LISTING_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_FOUND"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            /**
             * @description Names of the package are taken by the tenant's agents or tools (MARKETPLACE_INSTALL_NAME_CONFLICT,
             *     details {agent_names, tool_names}). Nothing was created.
             */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_INSTALL_NAME_CONFLICT"];
                };
            };
            /** @description The version (the one asked for, or every one) is yanked (MARKETPLACE_VERSION_YANKED). */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_VERSION_YANKED"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description A tool of the package is refused here as creating it would be (MARKETPLACE_PACKAGE_NOT_INSTALLABLE,
             *     details {tool, error_code, message}): the operator's egress policy refuses its URL, say.
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_PACKAGE_NOT_INSTALLABLE"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    upgradeAgent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The agent's id.
                 * @example 8d2f1a6b-7c3e-4b59-a0d4-1e2f3a4b5c6d
                 */
                id: components["parameters"]["AgentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarketplaceUpgradeRequest"];
            };
        };
        responses: {
            /** @description The upgrade's plan; applied unless dry_run. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceUpgrade"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            /**
             * @description No agent with this id for this tenant (AGENT_NOT_FOUND), its listing is gone
             *     (MARKETPLACE_LISTING_NOT_FOUND), or the listing has no published version of that name
             *     (MARKETPLACE_VERSION_NOT_FOUND).
             */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_AGENT_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_LISTING_NOT_FOUND"] | components["schemas"]["Problem_MARKETPLACE_VERSION_NOT_FOUND"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            /**
             * @description Local edits conflict with the new version (MARKETPLACE_UPGRADE_CONFLICT, details {conflicts,
             *     changes}; nothing changed), the agent was not installed from the marketplace
             *     (MARKETPLACE_AGENT_NOT_INSTALLED), or it changed while being upgraded (MARKETPLACE_UPGRADE_RACED:
             *     send it again).
             */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_UPGRADE_CONFLICT"] | components["schemas"]["Problem_MARKETPLACE_AGENT_NOT_INSTALLED"] | components["schemas"]["Problem_MARKETPLACE_UPGRADE_RACED"];
                };
            };
            /** @description The version is yanked (MARKETPLACE_VERSION_YANKED). */
            410: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_VERSION_YANKED"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description The version is not newer than the installed one (MARKETPLACE_UPGRADE_NOT_NEWER), or a tool of a
             *     package is refused here (MARKETPLACE_PACKAGE_NOT_INSTALLABLE).
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MARKETPLACE_UPGRADE_NOT_NEWER"] | components["schemas"]["Problem_MARKETPLACE_PACKAGE_NOT_INSTALLABLE"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rateMarketplaceListing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "stars": 4,
                 *       "review": "Sorted our inbox in a day."
                 *     }
                 */
                "application/json": {
                    /** Format: int32 */
                    stars: number;
                    /** @description Optional text; null or absent for none. */
                    review?: string | null;
                };
            };
        };
        responses: {
            /** @description The rating, replacing the tenant's earlier one. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceRating"];
                };
            };
            /** @description The tenant's first rating of the listing. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketplaceRating"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["MarketplaceOwnListingRating"];
            404: components["responses"]["MarketplaceDiscoverListingNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteMarketplaceRating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The listing's slug (unique across tenants).
                 * @example support-triage
                 */
                slug: components["parameters"]["ListingSlug"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn; the listing's count and mean no longer include it. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["MarketplaceRatingNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMcpServers: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of MCP servers. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e",
                     *           "name": "docs",
                     *           "url": "https://mcp.example.com/mcp",
                     *           "headers": {
                     *             "Authorization": "Bearer {{secrets.DOCS_TOKEN}}"
                     *           },
                     *           "tools": [
                     *             {
                     *               "id": "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f",
                     *               "name": "docs_search",
                     *               "remote_name": "search",
                     *               "description": "Searches the documentation",
                     *               "input_schema": {
                     *                 "type": "object",
                     *                 "properties": {
                     *                   "query": {
                     *                     "type": "string"
                     *                   }
                     *                 },
                     *                 "required": [
                     *                   "query"
                     *                 ]
                     *               }
                     *             }
                     *           ],
                     *           "created_at": "2026-01-05T10:00:00.000Z",
                     *           "updated_at": "2026-01-05T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 20,
                     *       "offset": 0,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["McpServer"][];
                        /** Format: int64 */
                        total: number;
                        /** Format: int64 */
                        limit: number;
                        /** Format: int64 */
                        offset: number;
                        has_more: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createMcpServer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "docs",
                 *       "url": "https://mcp.example.com/mcp",
                 *       "headers": {
                 *         "Authorization": "Bearer {{secrets.DOCS_TOKEN}}"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["McpServerInput"];
            };
        };
        responses: {
            /** @description The server and its tools, with the listed tools that were not materialised. */
            201: {
                headers: {
                    /** @description The new server's URL. */
                    Location?: string;
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e",
                     *       "name": "docs",
                     *       "url": "https://mcp.example.com/mcp",
                     *       "headers": {
                     *         "Authorization": "Bearer {{secrets.DOCS_TOKEN}}"
                     *       },
                     *       "tools": [
                     *         {
                     *           "id": "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f",
                     *           "name": "docs_search",
                     *           "remote_name": "search",
                     *           "description": "Searches the documentation",
                     *           "input_schema": {
                     *             "type": "object",
                     *             "properties": {
                     *               "query": {
                     *                 "type": "string"
                     *               }
                     *             },
                     *             "required": [
                     *               "query"
                     *             ]
                     *           }
                     *         }
                     *       ],
                     *       "skipped_tools": [
                     *         {
                     *           "remote_name": "grep",
                     *           "reason": "/input_schema/patternProperties: is not allowed"
                     *         }
                     *       ],
                     *       "created_at": "2026-01-05T10:00:00.000Z",
                     *       "updated_at": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["McpServerSynced"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            /**
             * @description The tenant has a server with this name (MCP_SERVER_NAME_TAKEN), two listed tools would get one
             *     name (MCP_TOOL_NAME_COLLISION), or a tool with a materialised name exists (DUPLICATE_TOOL_NAME).
             */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MCP_SERVER_NAME_TAKEN"] | components["schemas"]["Problem_MCP_TOOL_NAME_COLLISION"] | components["schemas"]["Problem_DUPLICATE_TOOL_NAME"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description The egress policy refuses the URL (EGRESS_DENIED, details {reason, host, pointer: /url}), or the URL
             *     or a header is not accepted (MCP_INVALID_SERVER_CONFIG, a pointer per problem).
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_EGRESS_DENIED"] | components["schemas"]["Problem_MCP_INVALID_SERVER_CONFIG"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["McpServerUnreachable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMcpServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e */
                id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server and its materialised tools. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e",
                     *       "name": "docs",
                     *       "url": "https://mcp.example.com/mcp",
                     *       "headers": {},
                     *       "tools": [
                     *         {
                     *           "id": "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f",
                     *           "name": "docs_search",
                     *           "remote_name": "search",
                     *           "description": "Searches the documentation",
                     *           "input_schema": {
                     *             "type": "object"
                     *           }
                     *         }
                     *       ],
                     *       "created_at": "2026-01-05T10:00:00.000Z",
                     *       "updated_at": "2026-01-05T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["McpServer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["McpServerNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteMcpServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e */
                id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server and its tools are deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["McpServerNotFound"];
            /** @description Agents use tools of the server (MCP_SERVER_IN_USE, details {dependent_agents, tools}). */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MCP_SERVER_IN_USE"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refreshMcpServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e */
                id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server and its tools after the sync, with the listed tools that were not materialised. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b6f4d1e-2c3a-4b5c-8d9e-0f1a2b3c4d5e",
                     *       "name": "docs",
                     *       "url": "https://mcp.example.com/mcp",
                     *       "headers": {},
                     *       "tools": [
                     *         {
                     *           "id": "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f",
                     *           "name": "docs_search",
                     *           "remote_name": "search",
                     *           "description": "Searches the documentation",
                     *           "input_schema": {
                     *             "type": "object"
                     *           }
                     *         }
                     *       ],
                     *       "skipped_tools": [],
                     *       "created_at": "2026-01-05T10:00:00.000Z",
                     *       "updated_at": "2026-01-06T10:00:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["McpServerSynced"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["McpServerNotFound"];
            406: components["responses"]["NotAcceptable"];
            /**
             * @description Agents use tools the server no longer lists (MCP_SERVER_IN_USE), two listed tools would get one name
             *     (MCP_TOOL_NAME_COLLISION), or a new tool's name is taken (DUPLICATE_TOOL_NAME).
             */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_MCP_SERVER_IN_USE"] | components["schemas"]["Problem_MCP_TOOL_NAME_COLLISION"] | components["schemas"]["Problem_DUPLICATE_TOOL_NAME"];
                };
            };
            /** @description The egress policy now refuses the server's address (EGRESS_DENIED). */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_EGRESS_DENIED"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["McpServerUnreachable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    importTools: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check everything and answer what would be created (200), writing nothing.
                 * @example true
                 */
                dry_run?: boolean;
            };
            header?: {
                /**
                 * @description Makes a retry safe. The first request with a key runs and its answer (success or client error) is kept
                 *     for 24 hours for this tenant; a retry with the same key and the same request gets that answer again,
                 *     with `Idempotent-Replayed: true`, without running twice. The same key with a different request is
                 *     409 IDEMPOTENCY_KEY_REUSED; a retry while the first is still running is 409 IDEMPOTENCY_KEY_IN_PROGRESS.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ToolImportRequest"];
            };
        };
        responses: {
            /** @description A dry run (`dry_run=true`) - the tools the call would create; nothing was written. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToolImportPreview"];
                };
            };
            /** @description The tools were created, in the document's order. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ToolImportResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            /**
             * @description Names conflict (OPENAPI_IMPORT_NAME_CONFLICT): details.existing lists the names the tenant's tools
             *     already have, details.repeated the names two or more selected operations would share; nothing was
             *     created. Or the Idempotency-Key conflicts (IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_PROGRESS).
             */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_OPENAPI_IMPORT_NAME_CONFLICT"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_REUSED"] | components["schemas"]["Problem_IDEMPOTENCY_KEY_IN_PROGRESS"];
                };
            };
            /**
             * @description The request body exceeds 2 MiB (PAYLOAD_TOO_LARGE, details.limit_bytes), or the document itself
             *     exceeds 1 MiB (OPENAPI_IMPORT_DOCUMENT_TOO_LARGE, details {limit_bytes, size_bytes}).
             */
            413: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_PAYLOAD_TOO_LARGE"] | components["schemas"]["Problem_OPENAPI_IMPORT_DOCUMENT_TOO_LARGE"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description Nothing was created. The document cannot be imported (OPENAPI_IMPORT_INVALID_DOCUMENT): it is not
             *     JSON or YAML, not OpenAPI 3.x (2.0 included), has an external or cyclic `$ref`, a `$ref` to nothing,
             *     no operation to import, or an operation whose tool cannot be built or is refused (a required
             *     parameter or body it cannot send, a schema over the input_schema limits...); details.errors has a
             *     JSON pointer into the document and a message per problem. Or `operations` names what the document
             *     does not have (OPENAPI_IMPORT_UNKNOWN_OPERATIONS, details.operations); or more than 100 operations
             *     are selected (OPENAPI_IMPORT_TOO_MANY_OPERATIONS, details {count, limit}); or `base_url` is refused
             *     as any http tool's URL would be: not a valid URL (INVALID_TOOL_CONFIG) or a destination the egress
             *     policy refuses (EGRESS_DENIED), each with the pointer /base_url.
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Idempotent-Replayed": components["headers"]["Idempotent-Replayed"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem_OPENAPI_IMPORT_INVALID_DOCUMENT"] | components["schemas"]["Problem_OPENAPI_IMPORT_UNKNOWN_OPERATIONS"] | components["schemas"]["Problem_OPENAPI_IMPORT_TOO_MANY_OPERATIONS"] | components["schemas"]["Problem_INVALID_TOOL_CONFIG"] | components["schemas"]["Problem_EGRESS_DENIED"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of webhooks. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
                     *           "url": "https://hooks.example.com/agent-runs",
                     *           "events": [
                     *             "execution.completed",
                     *             "execution.failed"
                     *           ],
                     *           "enabled": true,
                     *           "disabled_reason": null,
                     *           "disabled_at": null,
                     *           "created_at": "2026-01-05T10:00:00.000Z",
                     *           "updated_at": "2026-01-05T10:00:00.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 20,
                     *       "offset": 0,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["Webhook"][];
                        /** Format: int64 */
                        total: number;
                        /** Format: int64 */
                        limit: number;
                        /** Format: int64 */
                        offset: number;
                        has_more: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://hooks.example.com/agent-runs",
                 *       "events": [
                 *         "execution.completed",
                 *         "execution.failed"
                 *       ]
                 *     }
                 */
                "application/json": {
                    url: components["schemas"]["WebhookUrl"];
                    events: components["schemas"]["WebhookEvents"];
                };
            };
        };
        responses: {
            /** @description The webhook, with its signing secret (shown this once). */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
                     *       "url": "https://hooks.example.com/agent-runs",
                     *       "events": [
                     *         "execution.completed",
                     *         "execution.failed"
                     *       ],
                     *       "enabled": true,
                     *       "disabled_reason": null,
                     *       "disabled_at": null,
                     *       "created_at": "2026-01-05T10:00:00.000Z",
                     *       "updated_at": "2026-01-05T10:00:00.000Z",
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw+u3x4GEBOzw="
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["WebhookEgressDenied"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["SecretsUnavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "enabled": true
                 *     }
                 */
                "application/json": {
                    url?: components["schemas"]["WebhookUrl"];
                    events?: components["schemas"]["WebhookEvents"];
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description The webhook as changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookNotFound"];
            406: components["responses"]["NotAcceptable"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["WebhookEgressDenied"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending; GET its URL to follow it. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["WebhookDisabled"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
                /** @description Only deliveries in this status. */
                status?: components["schemas"]["WebhookDeliveryStatus"];
            };
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
                     *           "webhook_id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
                     *           "event_id": "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e:7",
                     *           "event_type": "execution.completed",
                     *           "execution_id": "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e",
                     *           "status": "succeeded",
                     *           "attempts": 1,
                     *           "last_status_code": 204,
                     *           "last_error_code": null,
                     *           "last_error": null,
                     *           "last_attempt_at": "2026-01-05T10:00:02.000Z",
                     *           "next_attempt_at": null,
                     *           "created_at": "2026-01-05T10:00:01.000Z",
                     *           "updated_at": "2026-01-05T10:00:02.000Z"
                     *         }
                     *       ],
                     *       "total": 1,
                     *       "limit": 20,
                     *       "offset": 0,
                     *       "has_more": false
                     *     }
                     */
                    "application/json": {
                        items: components["schemas"]["WebhookDelivery"][];
                        /** Format: int64 */
                        total: number;
                        /** Format: int64 */
                        limit: number;
                        /** Format: int64 */
                        offset: number;
                        has_more: boolean;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
                /** @example 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d */
                delivery_id: components["parameters"]["WebhookDeliveryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookDeliveryNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b */
                id: components["parameters"]["WebhookId"];
                /** @example 7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d */
                delivery_id: components["parameters"]["WebhookDeliveryId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending again. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    "RateLimit-Policy": components["headers"]["RateLimit-Policy"];
                    RateLimit: components["headers"]["RateLimit"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["TenantSuspended"];
            404: components["responses"]["WebhookDeliveryNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["WebhookDisabled"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}

/**
 * The data of each server-sent event, by path, method and event name (`x-sse-events` in openapi.yaml).
 * An operation missing here streams events typed `{ event: string; data: unknown }`.
 */
export type SseEvents = {
  "/api/v1/agents/{id}/run": {
    post: {
      "execution.created": components["schemas"]["ExecutionCreatedEvent"]
      "step.created": components["schemas"]["StepCreatedEvent"]
      "response.delta": components["schemas"]["ResponseDeltaEvent"]
      "tool_call.created": components["schemas"]["ToolCallCreatedEvent"]
      "tool_call.completed": components["schemas"]["ToolCallCompletedEvent"]
      "execution.requires_action": components["schemas"]["ExecutionRequiresActionEvent"]
      "execution.completed": components["schemas"]["ExecutionCompletedEvent"]
      "execution.failed": components["schemas"]["ExecutionFailedEvent"]
      "execution.incomplete": components["schemas"]["ExecutionIncompleteEvent"]
      "execution.cancelled": components["schemas"]["ExecutionCancelledEvent"]
      "error": components["schemas"]["Problem"]
    }
  }
  "/api/v1/executions/{id}/events": {
    get: {
      "execution.created": components["schemas"]["ExecutionCreatedEvent"]
      "step.created": components["schemas"]["StepCreatedEvent"]
      "response.delta": components["schemas"]["ResponseDeltaEvent"]
      "tool_call.created": components["schemas"]["ToolCallCreatedEvent"]
      "tool_call.completed": components["schemas"]["ToolCallCompletedEvent"]
      "execution.requires_action": components["schemas"]["ExecutionRequiresActionEvent"]
      "execution.completed": components["schemas"]["ExecutionCompletedEvent"]
      "execution.failed": components["schemas"]["ExecutionFailedEvent"]
      "execution.incomplete": components["schemas"]["ExecutionIncompleteEvent"]
      "execution.cancelled": components["schemas"]["ExecutionCancelledEvent"]
      "error": components["schemas"]["Problem"]
    }
  }
  "/api/v1/executions/{id}/tool-outputs": {
    post: {
      "step.created": components["schemas"]["StepCreatedEvent"]
      "response.delta": components["schemas"]["ResponseDeltaEvent"]
      "tool_call.created": components["schemas"]["ToolCallCreatedEvent"]
      "tool_call.completed": components["schemas"]["ToolCallCompletedEvent"]
      "execution.requires_action": components["schemas"]["ExecutionRequiresActionEvent"]
      "execution.completed": components["schemas"]["ExecutionCompletedEvent"]
      "execution.failed": components["schemas"]["ExecutionFailedEvent"]
      "execution.incomplete": components["schemas"]["ExecutionIncompleteEvent"]
      "execution.cancelled": components["schemas"]["ExecutionCancelledEvent"]
      "error": components["schemas"]["Problem"]
    }
  }
}

/** The operations that accept an `Idempotency-Key` header, as "METHOD /path". */
export const idempotentOperations: readonly string[] = [
  "POST /api/v1/tools",
  "POST /api/v1/agents",
  "POST /api/v1/agents/{id}/run",
  "POST /api/v1/executions/{id}/tool-outputs",
  "POST /api/v1/secrets",
  "POST /api/v1/marketplace/listings",
  "POST /api/v1/marketplace/listings/{slug}/versions",
  "POST /api/v1/tools/import"
]
