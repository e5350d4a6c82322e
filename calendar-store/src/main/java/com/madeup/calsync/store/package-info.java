/** calendar-store: see the module README. */
package com.madeup.calsync.store;
