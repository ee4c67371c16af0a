import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Readiness, Status } from '@app/domain';
import { ReadinessEnum, StatusEnum } from '../../graphql/enums';

@ObjectType('IncidentTally', { description: 'How many of the matching incidents have this status and readiness' })
export class IncidentTallyObject {
  @Field(() => StatusEnum) status: Status;
  @Field(() => ReadinessEnum) readiness: Readiness;
  @Field(() => Int) count: number;
}

@ObjectType('MapPointGroup', { description: 'The matching incidents of one status that have coordinates' })
export class MapPointGroupObject {
  @Field(() => StatusEnum) status: Status;
  @Field(() => [Float], {
    description: 'Longitude, latitude, longitude, latitude… (degrees, rounded to four decimals: about 11 m)',
  })
  coordinates: number[];
}

@ObjectType('IncidentMap', { description: 'What a map of the matching incidents draws' })
export class IncidentMapObject {
  @Field(() => [String], {
    description: 'Countries with a matching incident (ISO alpha-3), with or without coordinates',
  })
  countryCodes: string[];
  @Field(() => [MapPointGroupObject]) groups: MapPointGroupObject[];
  @Field(() => Int, { description: 'Matching incidents without coordinates (in no group)' }) withoutCoordinates: number;
}
