/** provider-google: see the module README. */
package com.madeup.calsync.provider;
