import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { IdleState } from '../src/index.js';
import '../src/define/k8s-chat-provider.js';

/**
 * The provider's warning before an idle sign-out. The warning is capped at half the timeout, so a real
 * one takes at least half a minute to appear; the story shows the state at once by handing the provider
 * the idle monitor's "warning" state (a one-hour timeout keeps the real monitor from changing it). A
 * host-mode provider whose children need nothing makes no request.
 */
const meta: Meta = {
  title: 'Provider/Idle timeout',
  component: 'k8s-chat-provider',
};
export default meta;
type Story = StoryObj;

/** "Are you still there?": Stay signed in (Enter or Escape) or Sign out now. */
export const Warning: Story = {
  render: () =>
    html`<k8s-chat-provider
      base-url="https://kubechat.story.invalid"
      idle-timeout="3600"
      .getAccessToken=${() => 'story-token'}
    >
      <p>The page behind the warning.</p>
    </k8s-chat-provider>`,
  play: async ({ canvasElement }) => {
    const provider = canvasElement.querySelector('k8s-chat-provider')!;
    await provider.updateComplete;
    const warning: IdleState = { status: 'warning', deadline: Date.now() + 45_000, secondsLeft: 45 };
    (provider as unknown as { _idle: IdleState })._idle = warning;
  },
};
