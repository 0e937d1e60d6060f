/**
 * Last-resort handlers: a promise rejected with nobody waiting for it, or an exception thrown
 * outside any request's try, is logged in full and the server keeps serving. Node's default for
 * both is to end the process, which would let one bad request take every other one down.
 */
import { isOperationStop } from './limits';
import type { Logger } from './log';

export function installProcessGuards(log: Logger, proc: NodeJS.Process = process): void {
  proc.on('unhandledRejection', (reason) => {
    // A field that met its operation's stop after the executor had stopped waiting for it.
    if (isOperationStop(reason)) return log.debug('a field rejected after its operation was stopped', { code: (reason as { extensions?: { code?: string } }).extensions?.code });
    log.error('unhandled promise rejection (the server keeps serving)', { error: reason });
  });
  proc.on('uncaughtException', (error, origin) => {
    log.error('uncaught exception (the server keeps serving)', { error, origin });
  });
}

/**
 * The heavy-operation thread's handler: a field rejecting after its operation was stopped is
 * dropped; anything else is thrown, which ends the thread (the server replaces it and answers
 * that operation with an error).
 */
export function installWorkerGuards(proc: NodeJS.EventEmitter = process): void {
  proc.on('unhandledRejection', (reason) => {
    if (!isOperationStop(reason)) throw reason;
  });
}
