// SQL for idempotency keys. Each call runs in a transaction already set to the tenant. A claim belongs to
// the request that made it (its owner token) and lasts until its lease lapses; the owner renews the lease
// while it runs, and only the owner may complete or release the key.
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

const retention = '24 hours'

export function makeIdempotencyRepo(tx: TransactionSql, tenantId: string) {
  const leaseEnd = (leaseMs: number) => tx`now() + ${leaseMs}::integer * interval '1 millisecond'`
  return {
    /**
     * Claims the key for this request (owner) for leaseMs; false when a live claim or an answer exists.
     * A claim whose lease lapsed (its owner stopped renewing it: a crashed process) is taken over.
     */
    async claim(
      key: string,
      operationId: string,
      requestHash: Buffer,
      owner: string,
      leaseMs: number,
    ): Promise<boolean> {
      const rows = await tx`
        insert into idempotency_keys (tenant_id, key, operation_id, request_hash, status, expires_at, owner,
                                      lease_expires_at)
        values (${tenantId}, ${key}, ${operationId}, ${requestHash}, 'in_progress', now() + ${retention}::interval,
                ${owner}, ${leaseEnd(leaseMs)})
        on conflict (tenant_id, key) do update
           set operation_id = excluded.operation_id, request_hash = excluded.request_hash,
               status = 'in_progress', response_status = null, response_headers = null,
               response_body = null, created_at = now(), expires_at = excluded.expires_at,
               owner = excluded.owner, lease_expires_at = excluded.lease_expires_at
         where idempotency_keys.expires_at <= now()
            or (idempotency_keys.status = 'in_progress' and idempotency_keys.lease_expires_at <= now())
        returning 1`
      return rows.length > 0
    },

    /** Extends the owner's claim by leaseMs from now; false when the claim is no longer the owner's. */
    async renew(key: string, owner: string, leaseMs: number): Promise<boolean> {
      const rows = await tx`
        update idempotency_keys set lease_expires_at = ${leaseEnd(leaseMs)}
         where tenant_id = ${tenantId} and key = ${key} and owner = ${owner} and status = 'in_progress'
        returning 1`
      return rows.length > 0
    },

    async find(key: string): Promise<StoredKey | undefined> {
      const [row] = await tx<StoredKey[]>`
        select operation_id, request_hash, status, response_status, response_headers, response_body
          from idempotency_keys where tenant_id = ${tenantId} and key = ${key}`
      return row
    },

    /** Stores the owner's answer; false (nothing written) when another request has taken the key over. */
    async complete(key: string, owner: string, reply: Reply): Promise<boolean> {
      const rows = await tx`
        update idempotency_keys
           set status = 'completed', response_status = ${reply.status},
               response_headers = ${tx.json(reply.headers ?? {})},
               response_body = ${reply.body === undefined ? null : tx.json(reply.body as never)}
         where tenant_id = ${tenantId} and key = ${key} and owner = ${owner} and status = 'in_progress'
        returning 1`
      return rows.length > 0
    },

    /** Frees the owner's claim so a retry runs again (the attempt failed for reasons of ours). */
    async release(key: string, owner: string): Promise<void> {
      await tx`
        delete from idempotency_keys
         where tenant_id = ${tenantId} and key = ${key} and owner = ${owner} and status = 'in_progress'`
    },
  }
}
