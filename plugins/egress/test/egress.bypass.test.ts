// The SSRF table: each URL tries to reach this machine, a private network or a metadata endpoint by
// another spelling, a name, a mapped address or a trick. Each is refused with EGRESS_DENIED, and the
// server listening where it points counts no connection (the refusal comes before any connect).
import { expect } from 'chai'
import { createEgress, defaultEgressSettings, EgressError } from '../egress.js'
import { countingServer, scriptedResolver, type CountingServer } from './servers.js'

const names = {
  'private.example.test': ['10.0.0.5'],
  'loopback.example.test': ['127.0.0.1'],
  'mixed.example.test': ['1.1.1.1', '127.0.0.1'],
  'v6loopback.example.test': ['::1'],
  'mapped.example.test': ['::ffff:127.0.0.1'],
  'metadata.example.test': ['169.254.169.254'],
  'ula.example.test': ['fd00::1'],
  'cgnat.example.test': ['100.64.0.1'],
  'zero.example.test': ['0.0.0.0'],
  'denied.example.com': ['93.184.216.34'],
  'sub.denied-zone.example': ['93.184.216.34'],
}

/** [what it tries, URL ({port}: the counting server's), the reason expected in the denial]. */
const attempts: [string, string, string][] = [
  ['loopback, dotted', 'http://127.0.0.1:{port}/', 'loopback'],
  ['loopback, short form 127.1', 'http://127.1:{port}/', 'loopback'],
  ['loopback, hex 0x7f.1', 'http://0x7f.1:{port}/', 'loopback'],
  ['loopback, one decimal 2130706433', 'http://2130706433:{port}/', 'loopback'],
  ['loopback, one octal 017700000001', 'http://017700000001:{port}/', 'loopback'],
  ['loopback, one hex 0x7f000001', 'http://0x7f000001:{port}/', 'loopback'],
  ['loopback, octal octets 0177.0.0.1', 'http://0177.0.0.1:{port}/', 'loopback'],
  ['loopback, padded 127.000.000.001', 'http://127.000.000.001:{port}/', 'loopback'],
  ['loopback, full-width digits', 'http://\uff11\uff12\uff17.0.0.1:{port}/', 'loopback'],
  ['loopback, trailing dot 127.0.0.1.', 'http://127.0.0.1.:{port}/', 'loopback'],
  ['IPv6 loopback [::1]', 'http://[::1]:{port}/', 'loopback'],
  ['IPv4-mapped IPv6 [::ffff:127.0.0.1]', 'http://[::ffff:127.0.0.1]:{port}/', 'loopback'],
  ['IPv4-mapped IPv6, long form', 'http://[0:0:0:0:0:ffff:7f00:1]:{port}/', 'loopback'],
  ['NAT64 embedding 127.0.0.1', 'http://[64:ff9b::7f00:1]:{port}/', 'rfc6052'],
  ['6to4 embedding 127.0.0.1', 'http://[2002:7f00:1::1]:{port}/', '6to4'],
  ['unspecified 0.0.0.0 (reaches localhost on Linux)', 'http://0.0.0.0:{port}/', 'unspecified'],
  ['unspecified, 0', 'http://0:{port}/', 'unspecified'],
  ['IPv6 unspecified [::]', 'http://[::]:{port}/', 'unspecified'],
  ['localhost', 'http://localhost:{port}/', 'loopback'],
  ['localhost. (trailing dot)', 'http://localhost.:{port}/', 'loopback'],
  ['LOCALHOST (case)', 'http://LOCALHOST:{port}/', 'loopback'],
  ['a subdomain of localhost', 'http://api.localhost:{port}/', 'loopback'],
  ['a name resolving to a private address', 'http://private.example.test:{port}/', 'private'],
  ['a name resolving to loopback', 'http://loopback.example.test:{port}/', 'loopback'],
  ['a name with one public and one loopback answer', 'http://mixed.example.test:{port}/', 'loopback'],
  ['a name resolving to ::1', 'http://v6loopback.example.test:{port}/', 'loopback'],
  ['a name resolving to ::ffff:127.0.0.1', 'http://mapped.example.test:{port}/', 'loopback'],
  ['a name resolving to the metadata address', 'http://metadata.example.test/', 'cloud-metadata'],
  ['a name resolving to fd00::1', 'http://ula.example.test/', 'uniqueLocal'],
  ['a name resolving to CGNAT', 'http://cgnat.example.test/', 'carrierGradeNat'],
  ['a name resolving to 0.0.0.0', 'http://zero.example.test:{port}/', 'unspecified'],
  ['AWS/GCP/Azure metadata 169.254.169.254', 'http://169.254.169.254/latest/meta-data/', 'cloud-metadata'],
  ['ECS task metadata 169.254.170.2', 'http://169.254.170.2/v2/credentials', 'cloud-metadata'],
  ['AWS IPv6 metadata [fd00:ec2::254]', 'http://[fd00:ec2::254]/', 'cloud-metadata'],
  ['Alibaba metadata 100.100.100.200', 'http://100.100.100.200/', 'cloud-metadata'],
  ['metadata, one decimal 2852039166', 'http://2852039166/', 'cloud-metadata'],
  ['link-local 169.254.1.1', 'http://169.254.1.1/', 'linkLocal'],
  ['IPv6 link-local [fe80::1]', 'http://[fe80::1]/', 'linkLocal'],
  ['IPv6 unique-local [fd00::1]', 'http://[fd00::1]/', 'uniqueLocal'],
  ['private 10.0.0.1', 'http://10.0.0.1/', 'private'],
  ['private 172.16.0.1', 'http://172.16.0.1/', 'private'],
  ['private 192.168.1.1', 'http://192.168.1.1/', 'private'],
  ['private, mapped [::ffff:10.0.0.1]', 'http://[::ffff:10.0.0.1]/', 'private'],
  ['CGNAT 100.64.0.1', 'http://100.64.0.1/', 'carrierGradeNat'],
  ['multicast 224.0.0.1', 'http://224.0.0.1/', 'multicast'],
  ['IPv6 multicast [ff02::1]', 'http://[ff02::1]/', 'multicast'],
  ['broadcast 255.255.255.255', 'http://255.255.255.255/', 'broadcast'],
  ['documentation 192.0.2.1', 'http://192.0.2.1/', 'reserved'],
  ['documentation 203.0.113.7', 'http://203.0.113.7/', 'reserved'],
  ['IPv6 documentation [2001:db8::1]', 'http://[2001:db8::1]/', 'reserved'],
  ['userinfo https://good@127.0.0.1', 'https://good@127.0.0.1:{port}/', 'userinfo'],
  ['userinfo on a public host', 'https://user:pw@example.com/', 'userinfo'],
  ['userinfo with an @ trick', 'https://example.com@127.0.0.1:{port}/', 'userinfo'],
  ['file:', 'file:///etc/passwd', 'scheme'],
  ['ftp:', 'ftp://127.0.0.1:{port}/', 'scheme'],
  ['gopher:', 'gopher://127.0.0.1:{port}/_', 'scheme'],
  ['a host the operator denies', 'https://denied.example.com/', 'denied-host'],
  ['a subdomain of a zone the operator denies', 'https://sub.denied-zone.example/', 'denied-host'],
  ['a range the operator denies', 'https://93.184.216.34/', 'denied-range'],
]

describe('egress: the SSRF table', () => {
  let v4: CountingServer
  let v6: CountingServer | undefined
  const resolver = scriptedResolver(names)
  const egress = createEgress(
    {
      ...defaultEgressSettings,
      // Plain http allowed here so that the address, not the scheme, is what each case is refused for.
      allowHttp: true,
      deny: { ranges: ['93.184.216.0/24'], hosts: ['denied.example.com', '*.denied-zone.example'] },
    },
    { resolver },
  )

  before(async () => {
    v4 = await countingServer('127.0.0.1')
    v6 = await countingServer('::1', v4.port).catch(() => undefined) // IPv6 may be off on the machine
  })
  after(async () => {
    await v4.close()
    await v6?.close()
  })

  it('holds at least 30 attempts', () => {
    expect(attempts.length).to.be.at.least(30)
  })

  for (const [what, template, reason] of attempts) {
    it(`refuses ${what}`, async () => {
      const url = new URL(template.replace('{port}', String(v4.port)))
      const connectionsBefore = v4.connections() + (v6?.connections() ?? 0)
      const error = await egress
        .request({ url, method: 'GET', timeoutMs: 2000, maxResponseBytes: 1024 })
        .then(
          (response) => response,
          (error: unknown) => error,
        )
      expect(error, `${url.href} was not refused`).to.be.instanceOf(EgressError)
      const denied = error as EgressError
      expect(denied.code, denied.message).to.equal('EGRESS_DENIED')
      expect(denied.denial?.reason).to.equal(reason)
      expect(v4.connections() + (v6?.connections() ?? 0), 'connections made').to.equal(connectionsBefore)
    })
  }

  it('refuses https-only hosts over http when the operator does not allow http', async () => {
    const strict = createEgress(defaultEgressSettings, { resolver })
    const error = (await strict
      .request({ url: new URL('http://example.com/'), method: 'GET', timeoutMs: 1000, maxResponseBytes: 1 })
      .catch((e: unknown) => e)) as EgressError
    expect(error.code).to.equal('EGRESS_DENIED')
    expect(error.denial?.reason).to.equal('scheme')
  })

  it("refuses a host outside the caller's own allow list before resolving it", async () => {
    const before = resolver.calls.length
    const error = (await egress
      .request({
        url: new URL('https://private.example.test/'),
        method: 'GET',
        timeoutMs: 1000,
        maxResponseBytes: 1,
        allowedHosts: ['api.example.com'],
      })
      .catch((e: unknown) => e)) as EgressError
    expect(error.code).to.equal('EGRESS_DENIED')
    expect(error.denial?.reason).to.equal('host-not-allowed')
    expect(resolver.calls.length).to.equal(before)
  })
})
