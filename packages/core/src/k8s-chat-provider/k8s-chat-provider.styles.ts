import { css } from 'lit';

// The provider only supplies services; it must not change the layout of what it wraps.
export const styles = css`
  :host {
    display: contents;
  }
`;
