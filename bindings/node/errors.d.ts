// Types of 'chatwoot-identity/errors': the error classes that load no library (to test, with
// instanceof, an error thrown by require('chatwoot-identity') itself).
export { ChatwootIdentityError, KeyClosedError, LibraryLoadError } from './index';
