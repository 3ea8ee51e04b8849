-- Up Migration

-- `npm run admin -- secrets rotate-master` re-encrypts the webhooks' signing secrets with the tenants' secrets
-- (the encryptedSecrets extension point): the admin role reads and rewrites the ciphertext only, tenant by
-- tenant under the table's RLS policy.
grant select (tenant_id, id, secret_ciphertext), update (secret_ciphertext) on webhooks to map_admin;

-- Down Migration

revoke select (tenant_id, id, secret_ciphertext), update (secret_ciphertext) on webhooks from map_admin;
