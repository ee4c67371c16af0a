import { Args, Field, ID, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEFAULT_POLICY, POLICIES, type PolicyConfig, policyByVersion } from '@app/domain';
import { statusDifferences } from '@app/projections';
import { incidentsAt } from '@app/read-store';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { AssessmentObject } from '../incidents/objects/assessment.object';
import { IncidentObject } from '../incidents/objects/incident.object';
import { LiveReads } from '../read-store/live-reads.service';
import { incidentReadsOf } from './model-context';

@ObjectType('PolicyDifference', { description: 'An incident whose status differs between two policy versions' })
class PolicyDifferenceObject {
  @Field(() => ID) incidentId: string;
  @Field(() => AssessmentObject) from: AssessmentObject;
  @Field(() => AssessmentObject) to: AssessmentObject;
}

@ObjectType('PolicyVersion')
class PolicyVersionObject {
  @Field() version: string;
  @Field({ description: 'True for the version the registry assesses under' }) current: boolean;
}

function policyOf(version: string, field: string): PolicyConfig {
  const policy = policyByVersion(version);
  if (!policy) {
    const known = POLICIES.map((p) => p.version).join(', ');
    throw new ApiError(ErrorCode.BAD_USER_INPUT, `No policy version ${version} (known: ${known})`, { field });
  }
  return policy;
}

/** Policy versions side by side: the presidency sees what a change would move before adopting it. */
@Resolver(() => IncidentObject)
export class PolicyVersionsResolver {
  constructor(private readonly live: LiveReads) {}

  @Query(() => [PolicyVersionObject], {
    description: 'The policy versions the registry can assess under, oldest first',
  })
  policyVersions(): PolicyVersionObject[] {
    // The projection file assesses under the default policy (a new one is a new default, and a rebuild).
    return POLICIES.map((p) => ({ version: p.version, current: p.version === DEFAULT_POLICY.version }));
  }

  @Query(() => [PolicyDifferenceObject], { description: 'Incidents whose status differs between two policy versions' })
  policyDifferences(@Args('from') from: string, @Args('to') to: string): PolicyDifferenceObject[] {
    const [before, after] = [policyOf(from, 'from'), policyOf(to, 'to')];
    // From the projection file: every incident now under each policy (the stored assessment for the current one).
    return this.live.fromFile((file, kept) =>
      kept.get(file, `policyDifferences|${before.version}|${after.version}`, () => {
        const under = (policy: PolicyConfig) => incidentsAt(file.db, 'LIVE', policy);
        const then = new Map(under(after).map((i) => [i.incidentId, i.assessment]));
        return statusDifferences(
          under(before).map(({ incidentId, assessment }) => ({
            incidentId,
            from: assessment,
            to: then.get(incidentId)!,
          })),
        );
      }),
    );
  }

  @ResolveField(() => AssessmentObject, {
    description: 'The assessment under another policy version, as of the same cut',
  })
  async assessmentUnder(
    @Parent() parent: IncidentObject,
    @Args('policyVersion') policyVersion: string,
  ): Promise<AssessmentObject> {
    return incidentReadsOf(parent).assessmentUnder(policyOf(policyVersion, 'policyVersion')) ?? parent.assessment;
  }
}
