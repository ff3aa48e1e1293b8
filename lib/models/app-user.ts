import { Type } from 'class-transformer';
import { Model } from '../model.js';

/** A user's profile. */
export class Profile {
  givenName?: string;
  surname?: string;
  email?: string;
  avatarUrl?: string;
  locale?: string;
  [field: string]: unknown;
}

/** An identity of a user (for example a verified email). */
export interface Identity {
  type: string;
  value: string;
  verification?: string;
}

/**
 * A user of an app (`user` in v2, `appUser` in v1). SKELETON: the messaging helper adds the operations.
 * @example const user = await AppUser.find('b6518');
 */
export class AppUser extends Model {
  static override readonly writable = ['signedUpAt', 'toBeRetained', 'profile', 'metadata'];

  id!: string;
  externalId?: string;
  zendeskId?: string;
  brandId?: string;
  authenticated?: boolean;
  @Type(() => Date)
  signedUpAt?: Date;
  toBeRetained?: boolean;
  @Type(() => Profile)
  profile!: Profile;
  metadata!: Record<string, unknown>;
  identities?: Identity[];
}
