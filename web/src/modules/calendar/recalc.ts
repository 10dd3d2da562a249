/** The headline after a calendar change: how many open deadlines moved, or would move (preview). */
export function recalcHeadline(changed: number, preview = false): string {
  if (preview) {
    return changed > 0 ? `导入后将有 ${changed} 项在办时限的截止日改变` : '导入后在办时限的截止日均不改变';
  }
  return changed > 0 ? `${changed} 项在办时限已重新计算` : '已重新计算，在办时限的截止日均未改变';
}
