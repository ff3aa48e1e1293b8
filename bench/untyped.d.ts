// The official clients ship no types; their runners declare the little they use.
declare module 'smooch-core';
declare module 'sunshine-conversations-client';
