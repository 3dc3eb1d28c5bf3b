import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '@k8s-chat/account/k8s-account-settings.js';
import {
  K8sAccountSettings as K8sAccountSettingsElement,
  type DeviceSignOutEvent,
  type PreferencesChangeEvent,
} from '@k8s-chat/account';

/** `<k8s-account-settings>` for React: the person's preferences, devices and security notices. */
export const K8sAccountSettings = createComponent({
  react: React,
  tagName: 'k8s-account-settings',
  elementClass: K8sAccountSettingsElement,
  events: {
    onK8sPreferencesChange: 'k8s-preferences-change' as EventName<PreferencesChangeEvent>,
    onK8sDeviceSignOut: 'k8s-device-sign-out' as EventName<DeviceSignOutEvent>,
  },
  displayName: 'K8sAccountSettings',
});
