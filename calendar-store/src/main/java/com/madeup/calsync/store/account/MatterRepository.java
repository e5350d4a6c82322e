package com.madeup.calsync.store.account;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

public interface MatterRepository extends ListCrudRepository<Matter, Long> {

    Optional<Matter> findByReference(String reference);
}
