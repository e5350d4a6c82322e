/** google-emulator: see the module README. */
package com.madeup.calsync.emulator;
