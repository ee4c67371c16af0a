import { Args, Field, ID, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEFAULT_POLICY, POLICIES, type PolicyConfig, policyByVersion } from '@app/domain';
import { assessUnder, findIncident, policyDifferences } from '@app/projections';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { AssessmentObject } from '../incidents/objects/assessment.object';
import { IncidentObject } from '../incidents/objects/incident.object';
import { ReadModelService } from '../read-model/read-model.service';
import { modelOf } from './model-context';

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
  constructor(private readonly readModel: ReadModelService) {}

  @Query(() => [PolicyVersionObject], {
    description: 'The policy versions the registry can assess under, oldest first',
  })
  policyVersions(): PolicyVersionObject[] {
    const current = (this.readModel.model.policy ?? DEFAULT_POLICY).version;
    return POLICIES.map((p) => ({ version: p.version, current: p.version === current }));
  }

  @Query(() => [PolicyDifferenceObject], { description: 'Incidents whose status differs between two policy versions' })
  policyDifferences(@Args('from') from: string, @Args('to') to: string): PolicyDifferenceObject[] {
    return policyDifferences(this.readModel.model, policyOf(from, 'from'), policyOf(to, 'to'));
  }

  @ResolveField(() => AssessmentObject, {
    description: 'The assessment under another policy version, as of the same cut',
  })
  async assessmentUnder(
    @Parent() parent: IncidentObject,
    @Args('policyVersion') policyVersion: string,
  ): Promise<AssessmentObject> {
    const policy = policyOf(policyVersion, 'policyVersion');
    const model = await modelOf(parent, this.readModel.model);
    const view = findIncident(model, parent.id);
    return view ? assessUnder(model, view, policy) : parent.assessment;
  }
}
