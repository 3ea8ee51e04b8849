// Query values as clients really encode them. The contract declares ordinary (percent-encoded) query
// parameters, and the validator refuses a value holding a raw reserved character. But common encoders
// leave some raw: encodeURIComponent keeps !'()*, URLSearchParams keeps * and writes a space as +. Those
// mean the same as their percent-encoded forms, so they are percent-encoded here, before the validator,
// and a name such as "r&d (ops)*" filters alike whichever encoder sent it.
import type { RequestHandler } from 'express'

/** Characters the validator refuses raw in a value; & and = are left alone (they delimit pairs). */
const rawReserved = /[:/?@!$'()*;[\]=]/g
const percentEncode = (char: string): string =>
  '%' + char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')

/** A value's raw reserved characters percent-encoded, and + (a space in a form-encoded query) as %20. */
const normaliseValue = (value: string): string =>
  value.replace(/\+/g, '%20').replace(rawReserved, percentEncode)

export function normaliseQueryString(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      return equals < 0 ? pair : pair.slice(0, equals + 1) + normaliseValue(pair.slice(equals + 1))
    })
    .join('&')
}

/** Rewrites req.url and req.originalUrl (the validator reads the latter) with the query normalised. */
export const normaliseQueryEncoding: RequestHandler = (req, _res, next) => {
  const question = req.originalUrl.indexOf('?')
  if (question >= 0) {
    const query = req.originalUrl.slice(question + 1)
    const normalised = normaliseQueryString(query)
    if (normalised !== query) {
      req.originalUrl = req.originalUrl.slice(0, question + 1) + normalised
      const own = req.url.indexOf('?')
      if (own >= 0) req.url = req.url.slice(0, own + 1) + normalised
    }
  }
  next()
}
