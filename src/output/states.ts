/** Display texts of API values shown to the user (states, charge types), through the caller's translator. Pure. */
import type { Translate } from './translate';

/** `RUNNING` → `Running` (`运行中` in Chinese); a state the table does not know is shown as the API gives it. */
export function stateName(state: string, t: Translate): string {
  switch (state.toUpperCase()) {
    case 'CREATING':
      return t('Creating');
    case 'RUNNING':
      return t('Running');
    case 'STARTING':
      return t('Starting');
    case 'STOPPING':
      return t('Stopping');
    case 'STOPPED':
      return t('Stopped');
    case 'REBOOTING':
      return t('Rebooting');
    case 'REBUILDING':
      return t('Rebuilding');
    case 'RESIZING':
      return t('Resizing');
    case 'ERROR':
      return t('Error');
    case 'DELETING':
      return t('Deleting');
    case 'RESERVED':
      return t('Reserved');
    case 'DELIVERING':
      return t('Delivering');
    case 'DELIVERED':
      return t('Delivered');
    case 'CANCELLED':
      return t('Cancelled');
    case 'RELEASED':
      return t('Released');
    case 'EXPIRED':
      return t('Expired');
    case 'ACTIVE':
      return t('Active');
    case 'UPDATING':
      return t('Updating');
    case 'INACTIVE':
      return t('Inactive');
    case 'RETIRED':
      return t('Retired');
  }
  return state;
}

/** `PostPaid` → `Pay-as-you-go`, `PrePaid` → `Subscription`; others as given. */
export function chargeName(c: string | undefined, t: Translate): string | undefined {
  if (c === 'PostPaid') return t('Pay-as-you-go');
  if (c === 'PrePaid') return t('Subscription');
  return c;
}
