// A fresh database in the test cluster, set up like the harness's own (roles' grants, the public schema
// owned by map_owner, pg_catalog's large-object and advisory-lock functions revoked), empty until a test
// migrates it. Cheaper than a second cluster: the roles already exist.
import { randomBytes } from 'node:crypto'
import { bootstrapDatabase } from '../../db/roles.js'
import { testStack } from '../harness/stack.js'

export interface ScratchDatabase {
  name: string
  superuserUrl: string
  ownerUrl: string
  appUrl: string
  adminUrl: string
  /** Drops it, closing whatever is still connected. */
  drop: () => Promise<void>
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

const passwordOf = (url: string): string => decodeURIComponent(new URL(url).password)

export async function createScratchDatabase(prefix = 'map_scratch'): Promise<ScratchDatabase> {
  const { database, superSql } = testStack()
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  // Same passwords as the harness's roles: bootstrapping sets them again, unchanged.
  await bootstrapDatabase({
    superuserUrl: database.superuserUrl,
    database: name,
    ownerPassword: passwordOf(database.ownerUrl),
    appPassword: passwordOf(database.appUrl),
    adminPassword: passwordOf(database.adminUrl),
  })
  return {
    name,
    superuserUrl: withDatabase(database.superuserUrl, name),
    ownerUrl: withDatabase(database.ownerUrl, name),
    appUrl: withDatabase(database.appUrl, name),
    adminUrl: withDatabase(database.adminUrl, name),
    drop: async () => {
      await superSql.unsafe(`drop database if exists ${name} with (force)`)
    },
  }
}
