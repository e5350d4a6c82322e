/** shared-model: see the module README. */
package com.madeup.calsync.model;
