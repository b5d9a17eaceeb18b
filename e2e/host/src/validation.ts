// Grafana 13's DataSourceConfigValidationAPI as the data source settings page gives it to a
// ConfigEditor: one stable object per page; `validate()` runs every registered validator,
// and a failing one blocks both the save and the health check.
import type { DataSourceConfigValidationAPI } from '@grafana/data';

export interface HostValidation extends DataSourceConfigValidationAPI {
  /** How many validators are registered (the page shows it, for the tests). */
  registered(): number;
}

/** `onRegistered` is told whenever the number of registered validators changes. */
export function createValidation(onRegistered: () => void = () => undefined): HostValidation {
  const validators = new Set<() => Promise<boolean> | boolean>();
  const errors = new Map<string, string>();
  return {
    registerValidation(validator) {
      validators.add(validator);
      onRegistered();
      return () => {
        validators.delete(validator);
        onRegistered();
      };
    },
    async validate() {
      let valid = true;
      for (const validator of [...validators]) {
        if (!(await validator())) {
          valid = false;
        }
      }
      return valid;
    },
    isValid: () => errors.size === 0,
    registered: () => validators.size,
    getErrors: () => Object.fromEntries(errors),
    setError(field, message) {
      errors.set(field, message);
    },
    clearError(field) {
      errors.delete(field);
    },
  };
}

