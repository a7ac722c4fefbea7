import { Injectable } from '@nestjs/common';
import { Logger as PinoNestLogger } from 'nestjs-pino';

/**
 * Nest's own start-up chatter (a line per module and per route, some hundred lines) would bury
 * the start-up banner a newcomer needs to read; it is kept, one level down, at debug.
 */
const FRAMEWORK_START_UP = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

@Injectable()
export class AppLogger extends PinoNestLogger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && FRAMEWORK_START_UP.has(context)) {
      super.debug(message, ...optionalParams);
      return;
    }
    super.log(message, ...optionalParams);
  }
}
