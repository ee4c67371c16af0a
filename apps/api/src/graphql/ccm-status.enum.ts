import { registerEnumType } from '@nestjs/graphql';

export const CcmStatusEnum = { STATE_PARTY: 'STATE_PARTY', SIGNATORY: 'SIGNATORY', NOT_PARTY: 'NOT_PARTY' } as const;
registerEnumType(CcmStatusEnum, {
  name: 'CcmStatus',
  description: "A State's status under the Convention on Cluster Munitions on a date",
});
