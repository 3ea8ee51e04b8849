// Validators of environment values that the kernel's schema (app/config.ts) and plugins' schemas share
// (plugin-kit exports them), so a flag or a key reads the same whichever declares it.
import { z } from 'zod'

/** true/false/1/0. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')

/** base64 of exactly 32 bytes, as a Buffer; empty is unset. The message never repeats the value (a key). */
export const base64Key = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .trim()
    .refine(
      (value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, 'base64').length === 32,
      'base64 of exactly 32 random bytes (e.g. `openssl rand -base64 32`)',
    )
    .transform((value) => Buffer.from(value, 'base64'))
    .optional(),
)
