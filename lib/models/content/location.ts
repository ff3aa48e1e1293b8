import { Content } from './content.js';

/** Where a location is. */
export interface Coordinates {
  lat: number;
  long: number;
}

/**
 * A `location` message: coordinates and an optional name and address.
 * @example await conversation.reply(LocationContent.of({ lat: 45.52, long: -73.59 }, { name: 'Office' }));
 */
export class LocationContent extends Content {
  declare type: 'location';
  coordinates!: Coordinates;
  location?: { address?: string; name?: string };
  blockChatInput?: boolean;
  /** The fallback text the API adds for channels without location messages. */
  text?: string;

  /** A location. @example LocationContent.of({ lat: 45.5261583, long: -73.595346 }) */
  static of(coordinates: Coordinates, location?: { address?: string; name?: string }): LocationContent {
    return this.build({ type: 'location', coordinates, location });
  }
}
