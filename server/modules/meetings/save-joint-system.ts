// 联席会议制度: per region, the convener and deputy conveners (who may sign minutes), the member
// units, the office that runs it and its working groups with their leads. Set by the center's
// organiser; versioned (If-Match W/"0" creates it).
import type { z } from 'zod';
import { transaction } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import { regionUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { checkUnits } from './create-meeting.ts';
import { saveJointSystem as save } from './meeting-system.repo.ts';
import type { JointSystemInput } from './meetings.schemas.ts';

export function saveJointSystem(
  ctx: ActionContext,
  version: number,
  input: z.infer<typeof JointSystemInput>,
) {
  const p = ctx.principal;
  if (p.kind !== 'staff') throw problems.forbidden('仅限工作人员使用。');
  return transaction(ctx.db, async (trx) => {
    // The convener and deputies chair joint meetings and sign their minutes.
    const signers = new Set(await regionUsersWith(trx, p.regionCode, 'meeting:approve'));
    const people = [input.convenerUserId, ...input.deputyUserIds];
    if (!signers.has(input.convenerUserId)) {
      throw problems.validation([
        { field: 'body.convenerUserId', message: '召集人应为本区可签发会议纪要的领导' },
      ]);
    }
    const bad = input.deputyUserIds.filter((u) => !signers.has(u));
    if (bad.length) {
      throw problems.validation([
        { field: 'body.deputyUserIds', message: '副召集人应为本区可签发会议纪要的领导' },
      ]);
    }
    if (new Set(people).size !== people.length) {
      throw problems.validation([{ field: 'body.deputyUserIds', message: '召集人与副召集人不能重复' }]);
    }
    const staff = new Set(await regionUsersWith(trx, p.regionCode, 'meeting:attend'));
    for (const [i, g] of input.workingGroups.entries()) {
      if (!staff.has(g.leadUserId) && !signers.has(g.leadUserId)) {
        throw problems.validation([
          {
            field: `body.workingGroups.${i}.leadUserId`,
            message: '工作组组长应为本区成员单位或领导的工作人员',
          },
        ]);
      }
      const outside = g.unitIds.filter((u) => !input.memberUnitIds.includes(u));
      if (outside.length) {
        throw problems.validation([
          { field: `body.workingGroups.${i}.unitIds`, message: '工作组的单位应为联席会议成员单位' },
        ]);
      }
    }
    await checkUnits(trx, p.regionCode, [input.officeUnitId], 'body.officeUnitId');
    await checkUnits(trx, p.regionCode, input.memberUnitIds, 'body.memberUnitIds');
    const saved = await save(trx, version, {
      region_code: p.regionCode,
      name: input.name,
      convener_user_id: input.convenerUserId,
      deputy_user_ids: input.deputyUserIds,
      office_unit_id: input.officeUnitId,
      member_unit_ids: input.memberUnitIds,
      working_groups: JSON.stringify(input.workingGroups),
      updated_by: p.id,
    });
    if (!saved) throw problems.preconditionFailed('联席会议制度已被他人修改，请刷新后再保存。');
    await writeAudit(trx, ctx.actor, {
      action: 'meeting.system.save',
      targetType: 'joint_meeting_system',
      targetId: p.regionCode,
      summary: {
        name: input.name,
        convener: input.convenerUserId,
        deputies: input.deputyUserIds,
        members: input.memberUnitIds.length,
        groups: input.workingGroups.length,
      },
    });
  });
}
