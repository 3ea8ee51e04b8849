// The kernel's server-sent event writer: an event with an id carries its `id:` line (what a reconnecting
// client sends back as Last-Event-ID), a comment is one `:` line, and neither can be split into extra lines.
import { expect } from 'chai'
import express from 'express'
import supertest from 'supertest'
import { sendEventStream } from '../../app/kernel/event-stream.js'

describe('sendEventStream', () => {
  it('writes ids and comments on one line each', async () => {
    const app = express()
    app.get('/stream', (req, res) => {
      void sendEventStream(
        res,
        {
          stream: (sink) => {
            sink.send('plain', { a: 1 })
            sink.send('numbered', { b: 2 }, 7)
            sink.comment('heartbeat')
            sink.comment('two\nlines')
            sink.send('forged', {}, '8\nevent: injected')
            return Promise.resolve({ status: 200 })
          },
        },
        new AbortController().signal,
        () => ({ status: 500 }),
      )
    })
    const res = await supertest(app)
      .get('/stream')
      .buffer(true)
      .parse((response, done) => {
        let text = ''
        response.on('data', (chunk: Buffer) => (text += chunk.toString()))
        response.on('end', () => done(null, text))
      })
    expect(res.headers['content-type']).to.match(/^text\/event-stream/)
    expect(res.body).to.equal(
      'event: plain\ndata: {"a":1}\n\n' +
        'id: 7\nevent: numbered\ndata: {"b":2}\n\n' +
        ': heartbeat\n\n' +
        ': two lines\n\n' +
        'id: 8event: injected\nevent: forged\ndata: {}\n\n',
    )
  })
})
