// THE POINT WHERE SECRET REFERENCES WILL BE RESOLVED. Header and query values are templates, and the
// secrets plugin (issue 18, built separately) will let them hold `{{secrets.NAME}}`, resolved per tenant
// at call time, after the input is filled in and never logged or echoed. Until that plugin lands, a
// reference is refused when the tool is stored (422 INVALID_TOOL_CONFIG, "secret references need the
// secrets plugin"), so no tool can be stored that would send the reference text itself.
import type { PointerError } from '../tool-kinds/tool-kind.js'
import { stringsIn } from './http-template.js'

const secretReference = '{{secrets.'

/** Problems for every string of the http config that holds a secret reference. */
export function refuseSecretReferences(http: Record<string, unknown>): PointerError[] {
  return [...stringsIn(http, '/http')]
    .filter(([, value]) => value.includes(secretReference))
    .map(([pointer]) => ({ pointer, message: 'secret references need the secrets plugin' }))
}
