/*
 * Messages of failures: every rule the server returns in a problem detail (rule.<id>) and the client’s own errors,
 * kept in three parts under /i18n/errors/ (each {"zh": {…}, "en": {…}}, strict JSON: MessagesTest reads them and
 * checks that this module imports every part). Pages import this module only: one area, {zh: {…}, en: {…}}.
 */
import peopleAndBookings from './errors/rules-people-bookings.js';
import recordsAndSupervision from './errors/rules-records-supervision.js';
import client from './errors/client.js';

const parts = [peopleAndBookings, recordsAndSupervision, client];

export default {
  zh: Object.assign({}, ...parts.map(part => part.zh)),
  en: Object.assign({}, ...parts.map(part => part.en)),
};
