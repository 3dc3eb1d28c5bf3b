import { formatString, strings, type ExecutionDetail, type StringKey } from '@k8s-chat/core';

/** One line of the approval trail or the status timeline. */
export interface TrailStep {
  readonly text: string;
  /** ISO time, or null for a step that has not happened. */
  readonly at: string | null;
}

const FINAL_STEP: Partial<Record<ExecutionDetail['status'], StringKey>> = {
  completed: 'history.timeline.completed',
  failed: 'history.timeline.failed',
  cancelled: 'history.timeline.cancelled',
  timeout: 'history.timeline.timeout',
};

/**
 * Who asked, who decided, when. Built from the execution's `approval` when the server sent it (the
 * reference server does on the detail route), else from the execution's own times, which do not say who
 * decided.
 */
export function approvalTrail(e: ExecutionDetail): readonly TrailStep[] | null {
  const approval = e.approval ?? null;
  if (!approval && !e.approval_id) return null;
  const requester = approval?.requested_by ?? e.username;
  const decider = approval?.approved_by ?? strings['history.approval.someone'];
  const steps: TrailStep[] = [
    {
      text: formatString('history.approval.requested', { user: requester }),
      at: approval?.created_at ?? e.created_at,
    },
  ];
  const status =
    approval?.status ?? (e.status === 'rejected' ? 'rejected' : e.approved_at ? 'approved' : 'pending');
  if (status === 'approved') {
    steps.push({
      text: formatString('history.approval.approved', { user: decider }),
      at: approval?.decided_at ?? e.approved_at,
    });
  } else if (status === 'rejected') {
    steps.push({
      text: formatString('history.approval.rejected', { user: decider }),
      at: approval?.decided_at ?? e.updated_at,
    });
  } else if (status === 'expired') {
    steps.push({
      text: strings['history.approval.expired'],
      at: approval?.decided_at ?? approval?.expires_at ?? null,
    });
  } else {
    const role = strings[`history.approval.role.${approval?.required_role ?? 'requester'}`];
    steps.push({ text: formatString('history.approval.waiting', { role }), at: null });
  }
  return steps;
}

/** The status timeline: requested, decided (if it needed approval), started, finished. */
export function statusTimeline(e: ExecutionDetail): readonly TrailStep[] {
  const steps: TrailStep[] = [
    { text: formatString('history.timeline.created', { user: e.username }), at: e.created_at },
  ];
  const approval = e.approval ?? null;
  if (approval || e.approval_id) {
    const who = approval?.approved_by ?? strings['history.approval.someone'];
    if (approval?.status === 'rejected' || (!approval && e.status === 'rejected')) {
      steps.push({
        text: formatString('history.timeline.rejected', { user: who }),
        at: approval?.decided_at ?? e.updated_at,
      });
      return steps;
    }
    if (approval?.status === 'expired') {
      steps.push({
        text: strings['history.timeline.expired'],
        at: approval.decided_at ?? approval.expires_at,
      });
      return steps;
    }
    if (approval?.status === 'pending' || (!approval && !e.approved_at)) {
      const role = strings[`history.approval.role.${approval?.required_role ?? 'requester'}`];
      steps.push({ text: formatString('history.approval.waiting', { role }), at: null });
    } else {
      steps.push({
        text: formatString('history.timeline.approved', { user: who }),
        at: approval?.decided_at ?? e.approved_at,
      });
    }
  }
  steps.push({ text: strings['history.timeline.started'], at: e.executed_at });
  const final = FINAL_STEP[e.status] ?? 'history.timeline.completed';
  steps.push({ text: strings[final], at: e.completed_at });
  return steps;
}
