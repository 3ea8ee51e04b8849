// One execution and its steps, as GET /executions/{id}, /executions/{id}/steps and /history/{id} show them.
// Reading a run that waited for tool outputs past its deadline records it as expired first (lazy expiry;
// the sweep in expiry.ts catches the runs nobody reads).
import { appError, toPage, type Page, type PageRequest, type StatementPlace } from '../../app/plugin-kit.js'
import { toExecution, type Execution } from './execution.js'
import type { HistoryRepo } from './history.repo.js'
import type { RunRepo } from './run.repo.js'
import { toStep } from './steps.js'
import type { StepsRepo } from './steps.repo.js'

interface Deps {
  runsHistoryRepo: HistoryRepo
  runsRunRepo: RunRepo
  runsStepsRepo: StepsRepo
}

const notFound = (id: string) => appError('EXECUTION_NOT_FOUND', `No execution with id ${id}.`, { id })

export function makeExecutionsService({ runsHistoryRepo, runsRunRepo, runsStepsRepo }: Deps) {
  return {
    async get(id: string, place?: StatementPlace): Promise<Execution> {
      // One write: the expiry (sent when called, sendStatements), then the read, which sees what the expiry
      // changed, and a last read's COMMIT. Nothing is sent on the expiry's answer: the COMMIT need not wait.
      const [, row] = await Promise.all([runsRunRepo.expireIfDue(id), runsHistoryRepo.get(id, place)])
      if (!row) throw notFound(id)
      return toExecution(row)
    },

    /** The steps in index order, a page at a time (a run has at most max_steps model steps and their calls). */
    async steps(
      id: string,
      page: PageRequest,
      place?: StatementPlace,
    ): Promise<Page<Record<string, unknown>>> {
      // The execution's read is sent first (sendStatements hands statements over in call order), the page
      // with a last read's COMMIT after it: one write.
      const [row, { rows, total }] = await Promise.all([
        runsHistoryRepo.get(id),
        runsStepsRepo.page(id, page, place),
      ])
      if (!row) throw notFound(id)
      return toPage(rows.map(toStep), total, page)
    },
  }
}

export type ExecutionsService = ReturnType<typeof makeExecutionsService>
