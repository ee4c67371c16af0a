import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional } from 'class-validator';
import type { Clock } from '@app/projections';
import { DATE_TIME_HINT, DateTimeScalar } from '../../graphql/date-time.scalar';
import { ClockEnum } from '../../graphql/enums';

const CLOCK_MEANING: Record<Clock, string> = {
  RECORDED: 'RECORDED: what the registry showed at asOf',
  KNOWN: 'KNOWN: evidence dated on or before the day of asOf',
};

/** Where a query's time travel is asked: always in its `filter`, beside what it selects (README, "queries"). */
export interface TimeTravel {
  asOf?: Date | null;
  clock?: Clock | null;
}

/**
 * The `asOf` and `clock` fields every time-travelling query takes in its `filter`, with that query's default
 * clock in their descriptions (lists of the registry default to RECORDED, the speak-out reports to KNOWN).
 */
export function TimeTravelFields(defaultClock: Clock, asOfMeaning = 'Time travel: the answer as of this instant') {
  const other: Clock = defaultClock === 'RECORDED' ? 'KNOWN' : 'RECORDED';

  @InputType({ isAbstract: true })
  abstract class TimeTravelFieldsInput implements TimeTravel {
    @Field(() => DateTimeScalar, { nullable: true, description: asOfMeaning })
    @IsOptional()
    @Type(() => Date)
    @IsDate({ message: `asOf must be ${DATE_TIME_HINT}` })
    asOf?: Date;

    @Field(() => ClockEnum, {
      nullable: true,
      description: `${CLOCK_MEANING[defaultClock]} (default); ${CLOCK_MEANING[other]}`,
    })
    @IsOptional()
    @IsEnum(ClockEnum)
    clock?: Clock;
  }
  return TimeTravelFieldsInput;
}

@InputType({ description: 'Only time travel: the answer as of an instant, on one of the two clocks' })
export class TimeTravelInput extends TimeTravelFields('RECORDED') {}

/**
 * What a filter selects, without its time travel: `asOf` is a Date, and withoutNulls (which the resolvers run
 * over a selection) copies plain objects only.
 */
export function selectionOf<T extends TimeTravel>(filter: T | null | undefined): Omit<T, keyof TimeTravel> {
  const selection: TimeTravel = { ...filter };
  delete selection.asOf;
  delete selection.clock;
  return selection as Omit<T, keyof TimeTravel>;
}
