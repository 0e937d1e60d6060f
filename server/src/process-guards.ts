/**
 * Last-resort handlers: a promise rejected with nobody waiting for it, or an exception thrown
 * outside any request's try, is logged in full and the server keeps serving. Node's default for
 * both is to end the process, which would let one bad request take every other one down.
 */
import type { Logger } from './log';

export function installProcessGuards(log: Logger, proc: NodeJS.Process = process): void {
  proc.on('unhandledRejection', (reason) => {
    log.error('unhandled promise rejection (the server keeps serving)', { error: reason });
  });
  proc.on('uncaughtException', (error, origin) => {
    log.error('uncaught exception (the server keeps serving)', { error, origin });
  });
}
