/** test-support: see the module README. */
package com.madeup.calsync.testsupport;
