import type { RouteDef } from '@switchyard/kit';
import { adminListKeys, adminRotateKeys } from './admin-keys';
import { adminBanUser } from './admin-user-ban';
import { adminGetUser } from './admin-user-get';
import { adminSetRoles } from './admin-user-roles';
import { adminUnbanUser } from './admin-user-unban';
import { adminListUsers } from './admin-users-list';
import type { RouteDeps } from './deps';
import { emailChangeConfirm } from './email-change-confirm';
import { emailChangeRequest } from './email-change-request';
import { jwks } from './jwks';
import { login } from './login';
import { logout } from './logout';
import { logoutEverywhere } from './logout-everywhere';
import { changePassword } from './password-change';
import { passwordResetConfirm } from './password-reset-confirm';
import { passwordResetRequest } from './password-reset-request';
import { getProfile } from './profile-get';
import { updateProfile } from './profile-update';
import { publicProfile } from './public-profile';
import { redeemCode } from './redeem-code';
import { refresh } from './refresh';
import { register } from './register';
import { requestCode } from './request-code';
import { revokeSession } from './session-revoke';
import { listSessions } from './sessions-list';

export type { RouteDeps };

/** Every operation of the identity service. */
export function routes(deps: RouteDeps): RouteDef[] {
  return [
    jwks,
    register,
    requestCode,
    redeemCode,
    login,
    refresh,
    logout,
    logoutEverywhere,
    listSessions,
    revokeSession,
    changePassword,
    passwordResetRequest,
    passwordResetConfirm,
    emailChangeRequest,
    emailChangeConfirm,
    getProfile,
    updateProfile,
    publicProfile,
    adminListUsers,
    adminGetUser,
    adminBanUser,
    adminUnbanUser,
    adminSetRoles,
    adminListKeys,
    adminRotateKeys,
  ].map((route) => route(deps));
}
