// The embedded PostgreSQL's settings follow the machine: a quarter of memory for shared_buffers within
// bounds, work_mem shared out over the connections, room for every pool, and synchronous_commit on.
import { expect } from 'chai'
import { machineSettings, settingsFlags } from '../../db/embedded-settings.js'

const GB = 1024 ** 3

describe('embedded PostgreSQL settings (machineSettings)', () => {
  it('on this bench machine (24 GiB, two workers of 10 connections): 2 GB buffers, 12 GB cache hint', () => {
    expect(machineSettings({ memoryBytes: 24 * GB, connections: 20 })).to.deep.equal({
      max_connections: '100',
      shared_buffers: '2048MB',
      effective_cache_size: '12288MB',
      work_mem: '32MB',
      maintenance_work_mem: '512MB',
      synchronous_commit: 'on',
    })
  })

  it('on a 2 GiB machine: a quarter for buffers, work_mem shared out over the connections', () => {
    expect(machineSettings({ memoryBytes: 2 * GB, connections: 20 })).to.include({
      shared_buffers: '512MB',
      effective_cache_size: '1024MB',
      work_mem: '5MB',
      maintenance_work_mem: '128MB',
    })
  })

  it('on a tiny machine: never below PostgreSQL’s own defaults', () => {
    expect(machineSettings({ memoryBytes: 256 * 1024 ** 2, connections: 10 })).to.include({
      shared_buffers: '128MB',
      effective_cache_size: '512MB',
      work_mem: '4MB',
      maintenance_work_mem: '64MB',
    })
  })

  it('makes room for every pool, 20 connections to spare', () => {
    expect(machineSettings({ memoryBytes: 8 * GB, connections: 8 * 12 }).max_connections).to.equal('116')
  })

  it('becomes postgres -c flags', () => {
    expect(settingsFlags({ work_mem: '8MB', synchronous_commit: 'on' })).to.deep.equal([
      '-c',
      'work_mem=8MB',
      '-c',
      'synchronous_commit=on',
    ])
  })
})
