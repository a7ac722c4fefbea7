import { Injectable } from '@nestjs/common';

/**
 * The time the review desk counts from. One injectable source of "now", so tests walk a review
 * round through its due dates by setting the clock instead of waiting or editing rows.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
