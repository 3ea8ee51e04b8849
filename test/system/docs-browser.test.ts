// GET /docs as a person uses it, in a real headless Chromium (Debian's, installed by the harness when missing:
// test/harness/system-package.ts) driven with puppeteer-core: authorise with a tenant's API key in Swagger UI's
// "Authorize" dialog, run "list tools" from the page, and see the 200 and the tenant's tool there. A screenshot
// of the page is left in test/artifacts/ (ignored by git).
import { mkdirSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'chai'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { buildTestApp, createTestTenant, type TestTenant } from '../helpers/api.js'
import { chromiumPackage, ensureSystemPackage } from '../harness/system-package.js'

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url))

describe('GET /docs in a real browser (headless Chromium)', function () {
  this.timeout(60_000)
  let server: Server
  let baseUrl: string
  let browser: Browser
  let page: Page
  let tenant: TestTenant

  before(async function () {
    // A first run on a fresh machine installs Chromium with apt: minutes, once.
    this.timeout(15 * 60_000)
    ensureSystemPackage(chromiumPackage)
    tenant = await createTestTenant('docs')
    server = buildTestApp().app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await puppeteer.launch({
      executablePath: chromiumPackage.command,
      headless: true,
      // As root Chromium needs --no-sandbox; the rest keeps it off the network (this machine has none but
      // loopback) and quiet. puppeteer-core never downloads a browser: it runs this one.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = await browser.newPage()
    await page.setViewport({ width: 1280, height: 1600 })
  })

  afterEach(async function () {
    // What the page showed when a step failed.
    if (this.currentTest?.state === 'failed' && page) {
      mkdirSync(artifacts, { recursive: true })
      await page.screenshot({ path: path.join(artifacts, 'docs-failed.png'), fullPage: true })
    }
  })

  after(async () => {
    await browser?.close()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  })

  it('authorises with a tenant API key in the Authorize dialog and runs "list tools" from the page: 200', async () => {
    const created = await fetch(`${baseUrl}/api/v1/tools`, {
      method: 'POST',
      headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'seen-in-swagger-ui', description: 'listed from the docs page' }),
    })
    expect(created.status).to.equal(201)
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })

    await page.goto(`${baseUrl}/docs/`, { waitUntil: 'networkidle0' })
    await page.waitForSelector('#operations-tools-listTools')

    // The Authorize dialog: the ApiKeyAuth scheme's form (the page has the operators' bearer schemes too).
    await page.click('.auth-wrapper button.authorize')
    await page.waitForSelector('.modal-ux .auth-container')
    const apiKeyForm = '//div[contains(@class,"auth-container")][.//h4[contains(., "ApiKeyAuth")]]'
    await page.type(`::-p-xpath(${apiKeyForm}//input)`, tenant.apiKey)
    await page.click(`::-p-xpath(${apiKeyForm}//button[contains(@class,"authorize")])`)
    // Authorised: the form now offers to log out, and the dialog can be closed.
    await page.waitForSelector(`::-p-xpath(${apiKeyForm}//button[normalize-space()="Logout"])`)
    await page.click('.modal-ux button.btn-done')

    // "list tools": open it, "Try it out", "Execute".
    await page.click('#operations-tools-listTools .opblock-summary-control')
    await page.waitForSelector('#operations-tools-listTools .try-out__btn')
    await page.click('#operations-tools-listTools .try-out__btn')
    const answered = page.waitForResponse((response) => response.url().startsWith(`${baseUrl}/api/v1/tools`))
    await page.click('#operations-tools-listTools button.execute')
    const response = await answered
    expect(response.status()).to.equal(200)
    expect(response.request().headers()['x-api-key']).to.equal(tenant.apiKey)

    // What the page shows: the live response's status and body.
    const status = await page.waitForSelector(
      '#operations-tools-listTools .live-responses-table .response .response-col_status',
    )
    // (The project has no DOM typings: what runs in the page returns plain strings and numbers.)
    expect(await status!.evaluate((cell) => String(cell.textContent).trim())).to.equal('200')
    const body = await page.$eval(
      '#operations-tools-listTools .live-responses-table .response .response-col_description',
      (cell) => String(cell.textContent),
    )
    expect(body).to.include('seen-in-swagger-ui')

    mkdirSync(artifacts, { recursive: true })
    // The operation from its title down to the server's response (the documented responses follow), in
    // page coordinates.
    const clip = await status!.evaluate((cell) => {
      const window = cell.ownerDocument.defaultView!
      const operation = cell.closest('.opblock')!.getBoundingClientRect()
      const live = cell.closest('.live-responses-table')!.getBoundingClientRect()
      const y = Number(operation.top) + Number(window.scrollY)
      return {
        x: Number(operation.left) + Number(window.scrollX),
        y,
        width: Number(operation.width),
        height: Number(live.bottom) + Number(window.scrollY) - y,
      }
    })
    await page.screenshot({
      path: path.join(artifacts, 'docs-list-tools.png'),
      clip,
      captureBeyondViewport: true,
    })
    expect(pageErrors, 'errors in the page').to.deep.equal([])
  })
})
