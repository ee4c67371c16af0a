import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import type { IncidentSort } from '@app/projections';

export const OrderDirectionEnum = { ASC: 'ASC', DESC: 'DESC' } as const;
export type OrderDirection = keyof typeof OrderDirectionEnum;
registerEnumType(OrderDirectionEnum, { name: 'OrderDirection', description: 'ASC: oldest first; DESC: newest first' });

export const IncidentOrderFieldEnum = { OCCURRED: 'OCCURRED', STATUS_CHANGED: 'STATUS_CHANGED' } as const;
registerEnumType(IncidentOrderFieldEnum, {
  name: 'IncidentOrderField',
  description: 'OCCURRED: the date of the attack; STATUS_CHANGED: the evidence date of the last status change',
});

export const StatementOrderFieldEnum = { DELIVERED: 'DELIVERED' } as const;
registerEnumType(StatementOrderFieldEnum, { name: 'StatementOrderField', description: 'DELIVERED: the delivery date' });

@InputType({ description: 'How incidents are ordered (default: OCCURRED, DESC)' })
export class IncidentOrderInput {
  @Field(() => IncidentOrderFieldEnum)
  @IsEnum(IncidentOrderFieldEnum)
  field: IncidentSort;

  @Field(() => OrderDirectionEnum)
  @IsEnum(OrderDirectionEnum)
  direction: OrderDirection;
}

@InputType({ description: 'How statements are ordered (default: DELIVERED, ASC)' })
export class StatementOrderInput {
  @Field(() => StatementOrderFieldEnum)
  @IsEnum(StatementOrderFieldEnum)
  field: keyof typeof StatementOrderFieldEnum;

  @Field(() => OrderDirectionEnum)
  @IsEnum(OrderDirectionEnum)
  direction: OrderDirection;
}

/** The page arguments of an order: the field, and whether it runs newest first. */
export const descendingOf = (order: { direction: OrderDirection } | null | undefined): boolean | undefined =>
  order ? order.direction === 'DESC' : undefined;
