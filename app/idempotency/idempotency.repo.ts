// SQL for idempotency keys. Each call runs in a transaction already set to the tenant.
import type { TransactionSql } from '../../db/client.js'
import type { Reply } from '../kernel/plugin.js'

export interface StoredKey {
  operation_id: string
  request_hash: Buffer
  status: 'in_progress' | 'completed'
  response_status: number | null
  response_headers: Record<string, string> | null
  response_body: unknown
}

/** How long a claim may stay in progress before a retry may take it over (a crashed request). */
const inProgressLease = '5 minutes'
const retention = '24 hours'

export function makeIdempotencyRepo(tx: TransactionSql, tenantId: string) {
  return {
    /** Claims the key for this request; returns false when a live claim or answer exists. */
    async claim(key: string, operationId: string, requestHash: Buffer): Promise<boolean> {
      const rows = await tx`
        insert into idempotency_keys (tenant_id, key, operation_id, request_hash, status, expires_at)
        values (${tenantId}, ${key}, ${operationId}, ${requestHash}, 'in_progress', now() + ${retention}::interval)
        on conflict (tenant_id, key) do update
           set operation_id = excluded.operation_id, request_hash = excluded.request_hash,
               status = 'in_progress', response_status = null, response_headers = null,
               response_body = null, created_at = now(), expires_at = excluded.expires_at
         where idempotency_keys.expires_at <= now()
            or (idempotency_keys.status = 'in_progress'
                and idempotency_keys.created_at < now() - ${inProgressLease}::interval)
        returning 1`
      return rows.length > 0
    },

    async find(key: string): Promise<StoredKey | undefined> {
      const [row] = await tx<StoredKey[]>`
        select operation_id, request_hash, status, response_status, response_headers, response_body
          from idempotency_keys where tenant_id = ${tenantId} and key = ${key}`
      return row
    },

    async complete(key: string, reply: Reply): Promise<void> {
      await tx`
        update idempotency_keys
           set status = 'completed', response_status = ${reply.status},
               response_headers = ${tx.json(reply.headers ?? {})},
               response_body = ${reply.body === undefined ? null : tx.json(reply.body as never)}
         where tenant_id = ${tenantId} and key = ${key}`
    },

    /** Frees the key so a retry runs again (the first attempt failed for reasons of ours). */
    async release(key: string): Promise<void> {
      await tx`delete from idempotency_keys where tenant_id = ${tenantId} and key = ${key} and status = 'in_progress'`
    },
  }
}
