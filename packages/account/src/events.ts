import type { PreferencesUpdate } from '@k8s-chat/core';

export interface PreferencesChangeDetail {
  /** Only the fields the person changed. */
  readonly update: PreferencesUpdate;
}

/** The person changed a preference (sent after the server stored it). Bubbles and is composed. */
export class PreferencesChangeEvent extends Event {
  static readonly eventName = 'k8s-preferences-change';
  readonly detail: PreferencesChangeDetail;
  constructor(detail: PreferencesChangeDetail) {
    super(PreferencesChangeEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface DeviceSignOutDetail {
  readonly deviceId: string;
  /** It was the device this page runs on: the person is now signed out here too. */
  readonly current: boolean;
}

/** The person asked to sign out a device; cancelable, so a host can veto or confirm first. */
export class DeviceSignOutEvent extends Event {
  static readonly eventName = 'k8s-device-sign-out';
  readonly detail: DeviceSignOutDetail;
  constructor(detail: DeviceSignOutDetail) {
    super(DeviceSignOutEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'k8s-preferences-change': PreferencesChangeEvent;
    'k8s-device-sign-out': DeviceSignOutEvent;
  }
}
