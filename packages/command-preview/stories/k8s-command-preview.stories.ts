import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define/k8s-command-preview.js';
import type { SafetyLevel } from '@k8s-chat/core';

interface Args {
  command: string;
  safetyLevel: SafetyLevel;
  explanation: string;
}

const meta: Meta<Args> = {
  title: 'Elements/Command preview',
  component: 'k8s-command-preview',
  argTypes: { safetyLevel: { control: 'inline-radio', options: ['safe', 'warning', 'dangerous'] } },
  render: (args) =>
    html`<k8s-command-preview
      command=${args.command}
      safety-level=${args.safetyLevel}
      explanation=${args.explanation}
    ></k8s-command-preview>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Safe: Story = {
  args: { command: 'kubectl get pods -n prod', safetyLevel: 'safe', explanation: 'Lists the pods in prod.' },
};
export const Warning: Story = {
  args: {
    command: 'kubectl scale deployment/api -n prod --replicas=3',
    safetyLevel: 'warning',
    explanation: 'Scales the api deployment in prod to 3 replicas.',
  },
};
export const Dangerous: Story = {
  args: {
    command: 'kubectl delete namespace staging',
    safetyLevel: 'dangerous',
    explanation: 'Deletes the staging namespace and everything in it.',
  },
};
export const HostileCommand: Story = {
  args: {
    command: 'kubectl get pods <img src=x onerror=alert(1)>',
    safetyLevel: 'dangerous',
    explanation: 'Shown as text; nothing in it is ever HTML.',
  },
};
